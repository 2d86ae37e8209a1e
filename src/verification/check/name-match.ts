import { Folding, isPlainName, joined, nameTokens, scriptsOf } from './name-normalise';
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

const fold = (n: PersonName, folding: Folding): Folded => ({
  first: nameTokens(n.firstName, folding),
  middle: nameTokens(n.middleName, folding),
  last: nameTokens(n.lastName, folding),
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

const RANK: Record<NameVerdict, number> = { match: 2, uncertain: 1, mismatch: 0 };
const FOLDINGS: [Folding, Folding][] = [
  ['plain', 'plain'],
  ['german', 'plain'],
  ['plain', 'german'],
];
const fullName = (n: PersonName) => [n.firstName, n.middleName, n.lastName].filter(Boolean).join(' ');

/**
 * Compares a profile's legal name with a roster record's. Case, accents, punctuation and spacing never matter, and
 * German umlauts match their ae/oe/ue spelling. Anything a person should look at is uncertain: a nickname, a partial
 * or changed surname, an adopted given name, swapped names, a one-letter difference, a name in another script, or
 * characters that are no part of a name. Only a name that shares nothing with the record is a mismatch.
 */
export function matchNames(claimed: PersonName, record: PersonName): NameMatch {
  const odd = [claimed, record].flatMap((n) => [n.firstName, n.middleName, n.lastName]).find((p) => !isPlainName(p));
  if (odd !== undefined) {
    return {
      verdict: 'uncertain',
      reason: 'A name contains characters other than letters, spaces, hyphens, apostrophes and periods.',
    };
  }
  const best = FOLDINGS.map(([a, b]) => matchFolded(fold(claimed, a), fold(record, b))).reduce((x, y) =>
    RANK[y.verdict] > RANK[x.verdict] ? y : x,
  );
  if (best.verdict === 'mismatch') {
    const claimedScripts = scriptsOf(fullName(claimed));
    if (![...scriptsOf(fullName(record))].some((s) => claimedScripts.has(s))) {
      return {
        verdict: 'uncertain',
        reason: 'The names are written in different scripts; a person should compare them (a transliteration?).',
      };
    }
  }
  return best;
}

function matchFolded(c: Folded, r: Folded): NameMatch {
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
  if (given === 'different' && surname === 'different') {
    return { verdict: 'mismatch', reason: 'The legal name does not match the name on record.' };
  }
  if (given === 'different') {
    return {
      verdict: 'uncertain',
      reason: 'The last name matches the record but the first name does not (an adopted or translated given name?).',
    };
  }
  if (surname === 'different') {
    return {
      verdict: 'uncertain',
      reason: 'The first name matches the record but the last name does not (a changed surname?).',
    };
  }
  const doubts = [GIVEN_REASON[given], SURNAME_REASON[surname]].filter(Boolean).join('; ');
  return { verdict: 'uncertain', reason: `The name match is uncertain: ${doubts}.` };
}

/** The same holder, as far as names can tell: the record's name, folded as the matcher folds it. */
export function sameHolder(a: string | null, b: string | null): boolean {
  return joined(nameTokens(a)) === joined(nameTokens(b));
}
