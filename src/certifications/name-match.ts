import { joined, nameTokens } from './name-normalise';
import { isKnownNickname } from './nicknames';

export interface PersonName {
  firstName: string;
  middleName?: string | null;
  lastName: string;
}

export type NameVerdict = 'match' | 'uncertain' | 'mismatch';

export interface NameMatch {
  verdict: NameVerdict;
  reason: string;
}

type Part = 'same' | 'nickname' | 'initial' | 'typo' | 'partial' | 'different';

interface Folded {
  first: string[];
  middle: string[];
  last: string[];
}

const fold = (n: PersonName): Folded => ({
  first: nameTokens(n.firstName),
  middle: nameTokens(n.middleName),
  last: nameTokens(n.lastName),
});

/** Damerau-Levenshtein distance of at most one (one letter added, dropped, changed or two swapped). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

function compareGiven(claimed: string[], record: string[]): Part {
  const a = joined(claimed);
  const b = joined(record);
  if (a === b || (claimed.length && record.length && claimed[0] === record[0])) {
    return 'same';
  }
  if (isKnownNickname(claimed[0] ?? '', record[0] ?? '')) {
    return 'nickname';
  }
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) {
    return 'initial';
  }
  return Math.min(a.length, b.length) >= 4 && oneEditApart(a, b) ? 'typo' : 'different';
}

function compareSurname(claimed: string[], record: string[]): Part {
  const a = joined(claimed);
  const b = joined(record);
  if (a === b) {
    return 'same';
  }
  const overlap = claimed.some((t) => record.includes(t));
  if (overlap) {
    return 'partial';
  }
  return Math.min(a.length, b.length) >= 4 && oneEditApart(a, b) ? 'typo' : 'different';
}

/** Middle names only count against a match when both sides give one and they disagree. */
function middleConflicts(claimed: string[], record: string[]): boolean {
  if (!claimed.length || !record.length) {
    return false;
  }
  const a = joined(claimed);
  const b = joined(record);
  const initialOf = (x: string, y: string) => x.length === 1 && y.startsWith(x);
  return !(a === b || initialOf(a, b) || initialOf(b, a) || claimed[0] === record[0]);
}

const GIVEN_REASON: Record<Part, string> = {
  same: '',
  nickname: 'the first name is a known short form of the one on record',
  initial: 'only an initial is given for the first name',
  typo: 'the first name differs from the record by one letter',
  partial: '',
  different: '',
};
const SURNAME_REASON: Record<Part, string> = {
  same: '',
  nickname: '',
  initial: '',
  typo: 'the last name differs from the record by one letter',
  partial: 'only part of the last name matches the record (double-barrelled or hyphenated name)',
  different: '',
};

/**
 * Compares a profile's legal name with a roster record's. Case, accents, punctuation and spacing never matter;
 * anything a person should look at (nickname, partial surname, swapped names, a one-letter difference) is uncertain;
 * a first or last name that shares nothing with the record is a mismatch.
 */
export function matchNames(claimed: PersonName, record: PersonName): NameMatch {
  const c = fold(claimed);
  const r = fold(record);
  const fullClaimed = joined([...c.first, ...c.middle, ...c.last]);
  if (
    fullClaimed &&
    fullClaimed === joined([...r.first, ...r.middle, ...r.last]) &&
    joined(c.last) === joined(r.last)
  ) {
    return { verdict: 'match', reason: 'The legal name matches the record.' };
  }
  const given = compareGiven(c.first, r.first);
  const surname = compareSurname(c.last, r.last);
  if (given === 'same' && surname === 'same') {
    return middleConflicts(c.middle, r.middle)
      ? { verdict: 'uncertain', reason: 'The middle name differs from the one on record.' }
      : { verdict: 'match', reason: 'The legal name matches the record.' };
  }
  if (joined(c.first) === joined(r.last) && joined(c.last) === joined(r.first)) {
    return { verdict: 'uncertain', reason: 'First and last name appear swapped compared with the record.' };
  }
  if (given === 'different' || surname === 'different') {
    return { verdict: 'mismatch', reason: 'The legal name does not match the name on record.' };
  }
  const doubts = [GIVEN_REASON[given], SURNAME_REASON[surname]].filter(Boolean).join('; ');
  return { verdict: 'uncertain', reason: `The name match is uncertain: ${doubts}.` };
}
