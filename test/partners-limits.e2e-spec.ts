import { createTestApp, TestApp } from './support/app';
import { platformAdmin } from './support/reviews';

const UNKNOWN_THERAPIST_REVIEWS = '/api/v1/therapists/00000000-0000-4000-8000-000000000000/reviews';

describe('partners: per-key rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'on', PARTNER_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('should rate-limit each key on its own with 429 and Retry-After', async () => {
    const admin = await platformAdmin(t);
    const keys: string[] = [];
    for (const name of ['A', 'B']) {
      const res = await t.http.post('/api/v1/partners').set(admin.auth).send({ name, allowedOrigins: [] }).expect(201);
      keys.push(res.body.apiKey as string);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.http.get(UNKNOWN_THERAPIST_REVIEWS).set('X-Api-Key', keys[0])).status);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await t.http.get('/api/v1/conditions').set('X-Api-Key', keys[0]).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http.get(UNKNOWN_THERAPIST_REVIEWS).set('X-Api-Key', keys[1]).expect(404);
  });
});

describe('partners: the per-address lookup limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'on', PUBLIC_LOOKUP_RATE_LIMIT: '2', PARTNER_RATE_LIMIT: '100' });
  });
  afterAll(() => t.close());

  it('should hold anonymous lookups to it but count partner lookups against the key only', async () => {
    const admin = await platformAdmin(t);
    const { apiKey } = (
      await t.http.post('/api/v1/partners').set(admin.auth).send({ name: 'P', allowedOrigins: [] }).expect(201)
    ).body as { apiKey: string };
    const q = { association: 'any', credentialNumber: 'X1' };
    for (let i = 0; i < 4; i++) {
      await t.http.get('/api/v1/verify').query(q).set('X-Api-Key', apiKey).expect(404);
    }
    await t.http.get('/api/v1/verify').query(q).expect(404);
    await t.http.get('/api/v1/verify').query(q).expect(404);
    await t.http.get('/api/v1/verify').query(q).expect(429);
  });
});
