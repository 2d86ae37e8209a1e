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

/** Lower case, no accents, no punctuation: "José-Luis O'Brien" -> ["jose", "luis", "obrien"]. */
export function nameTokens(value: string | null | undefined): string[] {
  if (!value) {
    return [];
  }
  const folded = value
    .toLowerCase()
    .replace(/[ßøæœłđðþıħŧ]/g, (c) => SPECIAL[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ`´.]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function joined(tokens: string[]): string {
  return tokens.join('');
}

/** Credential numbers compare without case, spaces or dashes: "nmt-0042 a" -> "NMT0042A". */
export function normaliseCredentialNumber(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−]/g, '');
}
