import { matchNames, NameVerdict, PersonName } from './name-match';
import { normaliseCredentialNumber } from './name-normalise';

type Case = [title: string, claimed: PersonName, record: PersonName, verdict: NameVerdict];
const n = (firstName: string, lastName: string, middleName?: string): PersonName => ({
  firstName,
  lastName,
  middleName,
});

const CASES: Case[] = [
  ['identical names', n('Maria', 'Garcia'), n('Maria', 'Garcia'), 'match'],
  ['different case', n('MARIA', 'garcia'), n('Maria', 'Garcia'), 'match'],
  ['accents on the profile only', n('José', 'Muñoz'), n('Jose', 'Munoz'), 'match'],
  ['accents on the record only', n('Zoe', 'Bronte'), n('Zoë', 'Brontë'), 'match'],
  ['German sharp s', n('Grete', 'Strauß'), n('Grete', 'Strauss'), 'match'],
  ['Scandinavian o with stroke', n('Søren', 'Kierkegaard'), n('Soren', 'Kierkegaard'), 'match'],
  ['Polish l with stroke', n('Łukasz', 'Wałęsa'), n('Lukasz', 'Walesa'), 'match'],
  ['ae ligature', n('Ægir', 'Olsen'), n('Aegir', 'Olsen'), 'match'],
  ['apostrophe in surname', n('Sean', "O'Brien"), n('Sean', 'OBrien'), 'match'],
  ['typographic apostrophe', n('Sean', 'O’Brien'), n('Sean', "O'Brien"), 'match'],
  ['extra whitespace', n('  Anna ', ' de  la Cruz'), n('Anna', 'de la Cruz'), 'match'],
  ['spaced vs joined particle', n('Ryan', 'Mc Donald'), n('Ryan', 'McDonald'), 'match'],
  ['hyphen vs space in a double surname', n('Ana', 'Garcia-Lopez'), n('Ana', 'Garcia Lopez'), 'match'],
  ['roster middle name absent from the profile', n('Maria', 'Garcia'), n('Maria', 'Garcia', 'Elena'), 'match'],
  ['profile middle name absent from the roster', n('Maria', 'Garcia', 'Elena'), n('Maria', 'Garcia'), 'match'],
  ['middle initial vs full middle name', n('John', 'Smith', 'F.'), n('John', 'Smith', 'Fitzgerald'), 'match'],
  ['full middle name vs middle initial', n('John', 'Smith', 'Fitzgerald'), n('John', 'Smith', 'F'), 'match'],
  ['middle name folded into the first name', n('Mary Ann', 'Jones'), n('Mary', 'Jones', 'Ann'), 'match'],
  ['conflicting middle names', n('John', 'Smith', 'Paul'), n('John', 'Smith', 'Fitzgerald'), 'uncertain'],
  ['one half of a hyphenated surname', n('Ana', 'Garcia'), n('Ana', 'Garcia-Lopez'), 'uncertain'],
  ['other half of a double-barrelled surname', n('Ana', 'Lopez'), n('Ana', 'Garcia Lopez'), 'uncertain'],
  ['profile has the longer double surname', n('Helena', 'Bonham-Carter'), n('Helena', 'Carter'), 'uncertain'],
  ['nickname Bob for Robert', n('Bob', 'Miller'), n('Robert', 'Miller'), 'uncertain'],
  ['nickname Bill for William', n('Bill', 'Turner'), n('William', 'Turner'), 'uncertain'],
  ['nickname Liz for Elizabeth', n('Liz', 'Taylor'), n('Elizabeth', 'Taylor'), 'uncertain'],
  ['formal name on the profile, nickname on the roster', n('Katherine', 'Hale'), n('Kate', 'Hale'), 'uncertain'],
  ['nickname Mike and partial surname', n('Mike', 'Ross'), n('Michael', 'Ross-Pearson'), 'uncertain'],
  ['first and last name swapped', n('Garcia', 'Maria'), n('Maria', 'Garcia'), 'uncertain'],
  ['one-letter typo in the last name', n('Maria', 'Garcai'), n('Maria', 'Garcia'), 'uncertain'],
  ['one-letter typo in the first name', n('Micheal', 'Scott'), n('Michael', 'Scott'), 'uncertain'],
  ['first initial only', n('J', 'Smith'), n('James', 'Smith'), 'uncertain'],
  // A one-letter slip counts only in names of four letters or more: shorter ones differ too easily.
  ['one-letter slip in a four-letter first name', n('Anne', 'Berg'), n('Anna', 'Berg'), 'uncertain'],
  ['one-letter difference in a three-letter first name', n('Ann', 'Bergstrom'), n('Ana', 'Lindqvist'), 'mismatch'],
  [
    'one-letter slip in a four-letter first name, other surname',
    n('Anne', 'Bergstrom'),
    n('Anna', 'Lindqvist'),
    'uncertain',
  ],
  ['German umlaut against its ue spelling', n('Jürgen', 'Müller'), n('Juergen', 'Mueller'), 'match'],
  ['ue spelling on the profile, umlaut on the roster', n('Uwe', 'Koehler'), n('Uwe', 'Köhler'), 'match'],
  ['umlaut against the same letter without dots', n('Jörg', 'Müller'), n('Jorg', 'Muller'), 'match'],
  ['ue and plain u are a one-letter difference, not the same', n('Anna', 'Mueller'), n('Anna', 'Muller'), 'uncertain'],
  // Only what shares nothing with the record is refused: with the number matching, a person can resolve the rest.
  ['same surname, different first name (an adopted given name?)', n('Kevin', 'Li'), n('Xiaoming', 'Li'), 'uncertain'],
  ['same surname, another common first name', n('Jose', 'Garcia'), n('Maria', 'Garcia'), 'uncertain'],
  ['same first name, different surname (a changed surname?)', n('Maria', 'Lopez'), n('Maria', 'Garcia'), 'uncertain'],
  ['nickname of a different name, same surname', n('Bob', 'Miller'), n('William', 'Miller'), 'uncertain'],
  ['short names differing by a letter', n('Al', 'Li'), n('Al', 'Lu'), 'uncertain'],
  ['Cyrillic against its Latin spelling', n('Наталья', 'Иванова'), n('Natalya', 'Ivanova'), 'uncertain'],
  ['Greek against its Latin spelling', n('Γιώργος', 'Παπαδόπουλος'), n('Giorgos', 'Papadopoulos'), 'uncertain'],
  ['Chinese characters against pinyin', n('明', '李'), n('Ming', 'Li'), 'uncertain'],
  ['an emoji on the profile', n('Anna 🌸', 'Berg'), n('Anna', 'Berg'), 'uncertain'],
  ['a symbol on the roster', n('Anna', 'Berg'), n('Anna', 'Berg ✓'), 'uncertain'],
  ['digits in a name', n('Anna2', 'Berg'), n('Anna', 'Berg'), 'uncertain'],
  ['clearly a different person', n('Terry', 'Pratchett'), n('Maria', 'Garcia'), 'mismatch'],
  ['a different holder of the same number', n('Xavier', 'Dunn'), n('Margaret', 'Quinn'), 'mismatch'],
  ['different people in the same non-Latin script', n('Наталья', 'Иванова'), n('Ольга', 'Петрова'), 'mismatch'],
];

describe(matchNames.name, () => {
  it.each(CASES)('should treat %s as the expected verdict', (_title, claimed, record, verdict) => {
    expect(matchNames(claimed, record).verdict).toBe(verdict);
  });

  it('should explain every verdict in a sentence', () => {
    for (const [, claimed, record] of CASES) {
      expect(matchNames(claimed, record).reason).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe(normaliseCredentialNumber.name, () => {
  it.each([
    ['case', 'nmt-0042', 'NMT-0042', true],
    ['spaces', 'NMT 0042', 'NMT0042', true],
    ['dashes of several kinds', 'NMT–00-42', 'nmt0042', true],
    ['a near-miss digit', 'NMT0042', 'NMT0043', false],
    ['a missing leading zero', 'NMT042', 'NMT0042', false],
    ['a letter O for a zero', 'NMTO042', 'NMT0042', false],
    ['a zero-width space', 'NMT\u200B0042', 'NMT0042', true],
    ['a byte-order mark and a soft hyphen', '\uFEFFNMT\u00AD0042', 'NMT0042', true],
    ['a right-to-left mark', 'NMT0042\u200F', 'NMT0042', true],
  ])('should compare numbers differing by %s as expected', (_title, a, b, same) => {
    expect(normaliseCredentialNumber(a) === normaliseCredentialNumber(b)).toBe(same);
  });
});
