import { calculateJwkThumbprint, CryptoKey, exportJWK, generateKeyPair, importJWK, JWK } from 'jose';

/** The algorithms credentials are signed with, by key type: Ed25519 (EdDSA) or P-256 (ES256). */
export type SigningAlgorithm = 'EdDSA' | 'ES256';

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
  /** What the JWKS publishes: the public members only, with kid, alg and use. */
  publicJwk: JWK;
}

function algorithmOf(jwk: JWK): SigningAlgorithm {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return 'EdDSA';
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    return 'ES256';
  }
  throw new Error('only Ed25519 (OKP) and P-256 (EC) keys are supported');
}

/** The public members of a JWK, whatever else it carries (a private `d` is never published). */
export async function publicJwkOf(jwk: JWK): Promise<JWK> {
  const alg = algorithmOf(jwk);
  const { kty, crv, x, y } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty, crv, x, y }));
  return { kty, crv, x, ...(y === undefined ? {} : { y }), kid, alg, use: 'sig' };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

/** A private JWK (as configured or stored) made ready to sign; its kid defaults to its RFC 7638 thumbprint. */
export async function importSigningKey(jwk: JWK): Promise<SigningKey> {
  if (typeof jwk.d !== 'string') {
    throw new Error('the key has no private part ("d")');
  }
  const publicJwk = await publicJwkOf(jwk);
  const alg = publicJwk.alg as SigningAlgorithm;
  const privateKey = (await importJWK({ ...jwk, alg }, alg)) as CryptoKey;
  return { kid: publicJwk.kid!, alg, privateKey, publicJwk };
}

/** CREDENTIAL_SIGNING_KEY: one private JWK as JSON. */
export async function parseConfiguredKey(text: string): Promise<SigningKey> {
  try {
    return await importSigningKey(parseJson(text, 'the value') as JWK);
  } catch (error) {
    throw new Error(`CREDENTIAL_SIGNING_KEY: ${(error as Error).message}`);
  }
}

/** CREDENTIAL_RETIRED_KEYS: a JSON array of JWKs or a JWKS ({"keys": [...]}); only their public members are kept. */
export async function parseRetiredKeys(text: string): Promise<JWK[]> {
  try {
    const value = parseJson(text, 'the value') as JWK[] | { keys?: JWK[] };
    const keys = Array.isArray(value) ? value : value.keys;
    if (!Array.isArray(keys)) {
      throw new Error('expected a JSON array of JWKs or {"keys": [...]}');
    }
    return await Promise.all(keys.map(publicJwkOf));
  } catch (error) {
    throw new Error(`CREDENTIAL_RETIRED_KEYS: ${(error as Error).message}`);
  }
}

/** A new Ed25519 key, with its private JWK (to be stored) and the key ready to sign. */
export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const exported = await exportJWK(privateKey);
  const privateJwk = { ...exported, kid: await calculateJwkThumbprint(exported) };
  return { key: await importSigningKey(privateJwk), privateJwk };
}
