/** "Casey Jane Client" -> "Casey C."; a single name stays as it is. Never the email. */
export function authorName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) {
    return 'Anonymous';
  }
  if (parts.length === 1) {
    return parts[0];
  }
  const initial = Array.from(parts[parts.length - 1])[0].toLocaleUpperCase();
  return `${parts[0]} ${initial}.`;
}

/** Lowercase, accents removed: the form names and phrases are compared in. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The normalised text whose hash detects the same review body pasted onto many profiles. */
export function bodyFingerprintSource(body: string): string {
  return fold(body)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
