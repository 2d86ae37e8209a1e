import { createHash } from 'node:crypto';
import { JWTPayload } from 'jose';
import { VerifiedCertificationRow } from './credentials.repository';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const ISSUER_NAME = 'NMT Directory';

export interface StatusListPosition {
  url: string;
  index: number;
}

/** A name-based UUID (SHA-1, version 5 layout): the same association and credential type always name one achievement. */
export function nameUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(namespace).update('\0').update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The credential is good through its expiry date (a certification reads as expired from the day after), so it is
 * valid until the last second of that day, UTC, and never later.
 */
export function validUntilOf(expiresOn: string | null): Date | null {
  return expiresOn === null ? null : new Date(`${expiresOn}T23:59:59Z`);
}

/**
 * A W3C VC 2.0 credential typed as an Open Badges 3.0 OpenBadgeCredential, with the JWT claims that say the same
 * (iss, sub, jti, iat, exp), as the payload of its vc+jwt.
 */
export function openBadgeCredential(
  c: VerifiedCertificationRow,
  status: StatusListPosition,
  publicUrl: string,
  now: Date,
): JWTPayload {
  const id = `urn:uuid:${c.id}`;
  const subject = `${publicUrl}/therapists/${c.therapistId}`;
  const validUntil = validUntilOf(c.expiresOn);
  const checked = iso(new Date(c.checkedAt)).slice(0, 10);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: publicUrl, type: ['Profile'], name: ISSUER_NAME, url: publicUrl },
    name: `${c.credentialType} (${c.associationName})`,
    validFrom: iso(now),
    ...(validUntil ? { validUntil: iso(validUntil) } : {}),
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.displayName }],
      licenseNumber: c.credentialNumber,
      achievement: {
        id: `urn:uuid:${nameUuid(c.associationId, c.credentialType)}`,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: c.credentialType,
        description: `${c.credentialType}, a credential of ${c.associationName}.`,
        criteria: {
          narrative: `Holds an active ${c.credentialType} credential in the records of ${c.associationName}.`,
        },
        creator: {
          id: `${publicUrl}/fhir/Organization/${c.associationId}`,
          type: ['Profile'],
          name: c.associationName,
          ...(c.associationWebsite ? { url: c.associationWebsite } : {}),
        },
      },
    },
    evidence: [
      {
        id: `${publicUrl}/verify?association=${encodeURIComponent(c.associationSlug)}&credentialNumber=${encodeURIComponent(c.credentialNumber)}`,
        type: ['Evidence'],
        name: `The records of ${c.associationName}`,
        description: `Credential number ${c.credentialNumber} was checked against the records of ${c.associationName} on ${checked}.`,
        genre: 'Record check',
      },
    ],
    credentialStatus: {
      id: `${status.url}#${status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(status.index),
      statusListCredential: status.url,
    },
    iss: publicUrl,
    sub: subject,
    jti: id,
    iat: seconds(now),
    ...(validUntil ? { exp: seconds(validUntil) } : {}),
  };
}
