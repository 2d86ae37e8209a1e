import { gzipSync } from 'node:zlib';
import { JWTPayload } from 'jose';
import { VC_CONTEXT } from './open-badge';

/** Bits per list: the 16 KB minimum of Bitstring Status List, so that one credential hides among many. */
export const LIST_SIZE = 131072;
/** How long a signed status list stays valid: a verifier may check offline with a list up to a day old. */
export const STATUS_LIST_VALIDITY_SECONDS = 24 * 3600;

/** The encodedList: GZIP of the bitstring (index 0 is the first byte's most significant bit), multibase base64url. */
export function encodeBitstring(setIndexes: Iterable<number>): string {
  const bits = Buffer.alloc(LIST_SIZE / 8);
  for (const index of setIndexes) {
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A BitstringStatusListCredential (purpose `revocation`) as the payload of its vc+jwt. */
export function statusListCredential(
  url: string,
  issuer: string,
  revoked: number[],
  now: Date,
  ttlSeconds: number,
): JWTPayload {
  const until = new Date(now.getTime() + STATUS_LIST_VALIDITY_SECONDS * 1000);
  return {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: iso(now),
    validUntil: iso(until),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeBitstring(revoked),
      ...(ttlSeconds > 0 ? { ttl: ttlSeconds * 1000 } : {}),
    },
    iss: issuer,
    sub: `${url}#list`,
    jti: url,
    iat: Math.floor(now.getTime() / 1000),
    exp: Math.floor(until.getTime() / 1000),
  };
}
