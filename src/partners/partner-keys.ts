import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'nmtp_';
const PREFIX_LENGTH = 12;
export const MAX_KEY_LENGTH = 128;

export interface IssuedKey {
  apiKey: string;
  keyHash: string;
  keyPrefix: string;
}

/** 256 random bits: a fast SHA-256 is enough to store it, since nobody can guess keys to test against the hash. */
export function hashPartnerKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

export function issuePartnerKey(): IssuedKey {
  const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyHash: hashPartnerKey(apiKey), keyPrefix: apiKey.slice(0, PREFIX_LENGTH) };
}
