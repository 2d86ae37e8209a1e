import { createLocalJWKSet, JSONWebKeySet, jwtVerify, JWTPayload, ProtectedHeaderParameters } from 'jose';
import { gunzipSync } from 'node:zlib';

/**
 * A third party's verifier, written from the standards alone (VC 2.0, VC-JOSE-COSE, Bitstring Status List) and
 * `jose`: it knows the issuer's JWKS and status lists and nothing of the directory's code.
 */
/** The members of a credential (or status list credential) this verifier reads. */
export interface Credential extends JWTPayload {
  '@context': string[];
  id?: string;
  type: string[];
  issuer: string | { id: string; name?: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id?: string;
    licenseNumber?: string;
    achievement?: { name: string; creator?: { name: string } };
    statusPurpose?: string;
    encodedList?: string;
  };
  evidence?: { description: string }[];
  credentialStatus?: { type: string; statusPurpose: string; statusListIndex: string; statusListCredential: string };
}

export interface VerifiedCredential {
  header: ProtectedHeaderParameters;
  credential: Credential;
  revoked: boolean;
}

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

async function verifyVcJwt(jwt: string, jwks: JSONWebKeySet) {
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    typ: 'vc+jwt',
    algorithms: ['EdDSA', 'ES256'],
  });
  const vc = payload as Credential;
  const issuer = typeof vc.issuer === 'string' ? vc.issuer : vc.issuer?.id;
  const ok =
    Array.isArray(vc['@context']) &&
    vc['@context'][0] === VC_V2 &&
    Array.isArray(vc.type) &&
    vc.type.includes('VerifiableCredential') &&
    typeof issuer === 'string' &&
    vc.credentialSubject !== undefined &&
    typeof vc.validFrom === 'string' &&
    Date.parse(vc.validFrom) <= Date.now() + 60_000 &&
    (vc.validUntil === undefined || Date.parse(vc.validUntil) > Date.now()) &&
    (vc.iss === undefined || vc.iss === issuer);
  if (!ok) {
    throw new Error('not a valid VC 2.0 credential');
  }
  return { vc, protectedHeader };
}

/** The bit at `index` of a BitstringStatusList's encodedList (multibase base64url of the GZIP'd bits, MSB first). */
export function statusBit(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) {
    throw new Error('encodedList is not multibase base64url');
  }
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (bits.length < 16384) {
    throw new Error('status list shorter than 16 KB');
  }
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export async function verifyCredential(
  jwt: string,
  jwks: JSONWebKeySet,
  statusListJwt: string,
): Promise<VerifiedCredential> {
  const { vc, protectedHeader } = await verifyVcJwt(jwt, jwks);
  const entry = vc.credentialStatus;
  const { vc: list } = await verifyVcJwt(statusListJwt, jwks);
  if (
    entry?.type !== 'BitstringStatusListEntry' ||
    list.id !== entry.statusListCredential ||
    !list.type.includes('BitstringStatusListCredential') ||
    list.credentialSubject.statusPurpose !== entry.statusPurpose
  ) {
    throw new Error('the status list does not match the credential');
  }
  const revoked = statusBit(list.credentialSubject.encodedList ?? '', Number(entry.statusListIndex));
  return { header: protectedHeader, credential: vc, revoked };
}
