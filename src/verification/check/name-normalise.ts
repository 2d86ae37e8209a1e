const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};

/** German spelling without umlauts: Müller is written Mueller in rosters and passports alike. */
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

export type Folding = 'plain' | 'german';

/**
 * Lower case, no accents, no punctuation: "José-Luis O'Brien" -> ["jose", "luis", "obrien"]. The `german` folding
 * writes ä, ö and ü as ae, oe and ue (the plain one drops the dots).
 */
export function nameTokens(value: string | null | undefined, folding: Folding = 'plain'): string[] {
  if (!value) {
    return [];
  }
  const lower = value.toLowerCase().normalize('NFC');
  const folded = (folding === 'german' ? lower.replace(/[äöü]/g, (c) => UMLAUTS[c]) : lower)
    .replace(/[ßøæœłđðþıħŧ]/g, (c) => SPECIAL[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ`´.]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function joined(tokens: string[]): string {
  return tokens.join('');
}

/** The longest legal name part a profile or a roster row may give (the same limit on both sides). */
export const LEGAL_NAME_MAX = 200;

/** Letters, combining marks, spaces, hyphens, apostrophes and periods: what a legal name is written with. */
export const NAME_CHARACTERS = /^[\p{L}\p{M}\s\-‐'’ʼ.]*$/u;

export function isPlainName(value: string | null | undefined): boolean {
  return NAME_CHARACTERS.test(value ?? '');
}

/** The scripts (Latin, Cyrillic, Han...) a name's letters are written in. */
export function scriptsOf(value: string): Set<string> {
  const scripts = new Set<string>();
  for (const [script, pattern] of SCRIPTS) {
    if (pattern.test(value)) {
      scripts.add(script);
    }
  }
  return scripts;
}

const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
];

/**
 * Credential numbers compare without case, spaces, dashes or invisible characters (zero-width spaces, BOMs, soft
 * hyphens, direction marks: what copying from a PDF or a web page leaves behind): "nmt-0042 a" -> "NMT0042A".
 */
export function normaliseCredentialNumber(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '');
}
