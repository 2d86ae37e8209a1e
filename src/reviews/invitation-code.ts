import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a code read aloud or typed from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 20;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + ALPHABET[(value << (5 - bits)) & 31] : out;
}

/** 160 random bits as 32 base32 characters in groups of four: `7K3M-...`. */
export function newInvitationCode(): string {
  return base32(randomBytes(CODE_BYTES)).match(/.{4}/g)!.join('-');
}

/** Case, dashes and spaces do not matter; the look-alikes O, I and L read as 0, 1 and 1. */
export function normaliseInvitationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Codes carry 160 bits of entropy, so a plain SHA-256 cannot be reversed by guessing. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(normaliseInvitationCode(code)).digest('hex');
}
