import { Logger } from '@nestjs/common';
import { createTestApp, TestApp } from './support/app';
import { anotherInstance, Instance, redisKeyPrefix, redisRelay, TEST_REDIS_URL } from './support/cluster';
import { freePort } from './support/free-port';
import { platformAdmin } from './support/reviews';
import { registerUser } from './support/users';
import { Role } from '../src/users/user.entity';

const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;
const VERIFY = { path: '/api/v1/verify', query: { association: 'any', credentialNumber: 'X1' } };

/** Waits, when needed, so that a few requests fall in one clock minute (the partner limit's window). */
async function awayFromMinuteEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 3000) {
    await new Promise((r) => setTimeout(r, left + 50));
  }
}

async function newPartnerKey(t: TestApp, auth: { Authorization: string }): Promise<{ id: string; apiKey: string }> {
  const res = await t.http.post('/api/v1/partners').set(auth).send({ name: 'Clinic finder', allowedOrigins: [] });
  expect(res.status).toBe(201);
  return res.body as { id: string; apiKey: string };
}

describeWithRedis('several instances sharing one database and one Redis', () => {
  let a: TestApp;
  let b: Instance;

  beforeAll(async () => {
    a = await createTestApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redisKeyPrefix(),
      RATE_LIMITS: 'on',
      AUTH_RATE_LIMIT: '100',
      PUBLIC_LOOKUP_RATE_LIMIT: '4',
      PARTNER_RATE_LIMIT: '5',
    });
    b = await anotherInstance(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('should refuse the 11th failed sign-in whichever instance gets it', async () => {
    const user = await registerUser(a, Role.Client);
    const wrong = { email: user.email, password: 'not the password at all' };
    for (let i = 0; i < 10; i++) {
      await (i % 2 ? a : b).http.post('/api/v1/auth/login').send(wrong).expect(401);
    }
    const refused = await b.http.post('/api/v1/auth/login').send(wrong).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await a.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('should count a route rate limit once for all instances', async () => {
    const statuses: number[] = [];
    for (const instance of [a, b, a, b, a, b]) {
      statuses.push((await instance.http.get(VERIFY.path).query(VERIFY.query)).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
  });

  it("should count a partner key's requests once for all instances", async () => {
    const admin = await platformAdmin(a);
    const { apiKey } = await newPartnerKey(a, admin.auth);
    await awayFromMinuteEnd();
    const statuses: number[] = [];
    for (const instance of [a, b, a, b, a, b]) {
      statuses.push((await instance.http.get('/api/v1/conditions').set('X-Api-Key', apiKey)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('should refuse a revoked partner key on the other instance within a second', async () => {
    const admin = await platformAdmin(a);
    const { id, apiKey } = await newPartnerKey(a, admin.auth);
    await awayFromMinuteEnd();
    await b.http.get('/api/v1/conditions').set('X-Api-Key', apiKey).expect(200); // now in b's key cache
    await a.http.delete(`/api/v1/partners/${id}/key`).set(admin.auth).expect(204);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 1000) {
      status = (await b.http.get('/api/v1/conditions').set('X-Api-Key', apiKey)).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });
});

describeWithRedis('when Redis goes away', () => {
  let a: TestApp;
  let b: Instance;
  let relay: Awaited<ReturnType<typeof redisRelay>>;

  beforeAll(async () => {
    relay = await redisRelay(TEST_REDIS_URL!);
    a = await createTestApp({
      REDIS_URL: relay.url,
      REDIS_KEY_PREFIX: redisKeyPrefix(),
      RATE_LIMITS: 'on',
      PUBLIC_LOOKUP_RATE_LIMIT: '3',
    });
    b = await anotherInstance(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('should answer every request with per-instance limits and log a warning, never a 500', async () => {
    const admin = await platformAdmin(a);
    const { apiKey } = await newPartnerKey(a, admin.auth);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await relay.cut();
      // Each instance now counts its own lookups: three each before a 429.
      for (const instance of [a, b, a, b, a, b]) {
        await instance.http.get(VERIFY.path).query(VERIFY.query).expect(404);
      }
      await a.http.get(VERIFY.path).query(VERIFY.query).expect(429);
      await b.http.get('/api/v1/conditions').set('X-Api-Key', apiKey).expect(200);
      await a.http.post('/api/v1/auth/login').send({ email: admin.email, password: 'wrong password here' }).expect(401);
      const search = await b.http.get('/api/v1/search/therapists').query({ postalCode: '78701' });
      expect(search.status).toBe(200);
      expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(
        expect.stringMatching(/^Redis is unreachable .*per instance/),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('should start and serve when Redis cannot be reached at all', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const lonely = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RATE_LIMITS: 'on' });
    try {
      await lonely.http.get(VERIFY.path).query(VERIFY.query).expect(404);
      await lonely.http.get('/api/v1/search/therapists').query({ postalCode: '78701' }).expect(200);
      expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(
        expect.stringMatching(/^Redis is unreachable/),
      );
    } finally {
      warn.mockRestore();
      await lonely.close();
    }
  });
});
