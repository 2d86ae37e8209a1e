import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JSONWebKeySet } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { EnvInput, validateEnv } from '../src/config/env';
import { createTestApp, TestApp } from './support/app';
import { addTherapist } from './support/fhir-directory';
import { createAssociation, TestAssociation } from './support/verification';
import { verifyCredential } from './support/vc-verifier';

/** A private JWK as an operator would make one (`kid` of their choosing). */
function privateJwk(kid: string, type: 'ed25519' | 'P-256' = 'ed25519'): Record<string, unknown> {
  const { privateKey } =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid };
}

describe('Credential signing keys', () => {
  let t: TestApp;
  let association: TestAssociation;
  const others: NestFastifyApplication[] = [];

  /** Another instance of the service on the same database (a restart, or a rotated configuration). */
  async function instance(overrides: EnvInput = {}): Promise<request.Agent> {
    const app = await createApp(
      validateEnv({
        DATABASE_URL: t.env.DATABASE_URL,
        JWT_SECRET: t.env.JWT_SECRET,
        PUBLIC_URL: t.env.PUBLIC_URL,
        LOG_LEVEL: 'silent',
        RATE_LIMITS: 'off',
        DB_POOL_SIZE: '2',
        SEARCH_POOL_SIZE: '2',
        CREDENTIAL_STATUS_MAX_AGE_SECONDS: '0',
        ...overrides,
      }),
    );
    await app.getHttpAdapter().getInstance().ready();
    others.push(app);
    return request.agent(app.getHttpServer());
  }

  const jwksOf = async (http: request.Agent) =>
    (await http.get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet;

  async function credential(http: request.Agent): Promise<string> {
    const therapist = await addTherapist(t, association, {
      km: 1,
      firstName: 'Margarethe',
      lastName: `Quistorp-${String.fromCharCode(97 + others.length)}`,
      displayName: 'Greta Q.',
    });
    return (await http.get(`/api/v1/certifications/${therapist.certificationId}/credential`).buffer(true).expect(200))
      .text;
  }

  async function statusList(http: request.Agent, jwt: string): Promise<string> {
    const url = new URL(
      JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).credentialStatus.statusListCredential,
    );
    return (await http.get(url.pathname).buffer(true).expect(200)).text;
  }

  beforeAll(async () => {
    t = await createTestApp();
    association = await createAssociation(t);
  });

  afterAll(async () => {
    for (const app of others) {
      await app.close();
    }
    await t.close();
  });

  it('should generate a key on first start, keep it sealed in the database and reuse it after a restart', async () => {
    const first = await jwksOf(t.http);
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(first.keys[0]).not.toHaveProperty('d');
    const [stored] = await t.db.query<{ kid: string; sealed_private_jwk: string }[]>(
      'SELECT kid, sealed_private_jwk FROM credential_signing_key',
    );
    expect(stored.kid).toBe(first.keys[0].kid);
    expect(stored.sealed_private_jwk).toMatch(/^v1\./);
    const restarted = await instance();
    expect(await jwksOf(restarted)).toEqual(first);
    const jwt = await credential(restarted);
    const { header } = await verifyCredential(jwt, first, await statusList(restarted, jwt));
    expect(header.kid).toBe(first.keys[0].kid);
  });

  it('should rotate: a new configured key signs, credentials of the retired keys still verify through the JWKS', async () => {
    const generated = (await jwksOf(t.http)).keys[0];
    const before = await credential(t.http);
    const k1 = privateJwk('2026-k1');
    const a = await instance({ CREDENTIAL_SIGNING_KEY: JSON.stringify(k1) });
    const signedByK1 = await credential(a);
    const k2 = privateJwk('2027-k2', 'P-256');
    // The retired key given whole by mistake: only its public part may be published.
    const b = await instance({
      CREDENTIAL_SIGNING_KEY: JSON.stringify(k2),
      CREDENTIAL_RETIRED_KEYS: JSON.stringify([k1]),
    });
    const jwks = await jwksOf(b);
    expect(jwks.keys.map((k) => k.kid)).toEqual(['2027-k2', '2026-k1', generated.kid]);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    for (const [jwt, kid] of [
      [before, generated.kid],
      [signedByK1, '2026-k1'],
      [await credential(b), '2027-k2'],
    ]) {
      const { header, revoked } = await verifyCredential(jwt!, jwks, await statusList(b, jwt!));
      expect(header.kid).toBe(kid);
      expect(revoked).toBe(false);
    }
    expect(JSON.parse(Buffer.from((await credential(b)).split('.')[0], 'base64url').toString()).alg).toBe('ES256');
  });

  it.each([
    ['not JSON', 'CREDENTIAL_SIGNING_KEY', '{'],
    ['a public key', 'CREDENTIAL_SIGNING_KEY', JSON.stringify({ ...privateJwk('x'), d: undefined })],
    [
      'an RSA key',
      'CREDENTIAL_SIGNING_KEY',
      JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })),
    ],
    ['not a list of keys', 'CREDENTIAL_RETIRED_KEYS', '{"kty":"OKP"}'],
  ])('should refuse to start with %s in %s', async (_what, variable, value) => {
    await expect(instance({ [variable]: value })).rejects.toThrow(new RegExp(variable));
  });
});
