import { createApp } from '../src/app.factory';
import { requestHashOf } from '../src/common/idempotency.interceptor';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { therapistWithProfile } from './support/reviews';
import { createAdmin, TEST_PASSWORD, uniqueEmail } from './support/users';

describe('idempotency keys and secrets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should store no token, API key or invitation code, whatever Idempotency-Key the caller sends', async () => {
    const secrets: string[] = [];
    const email = uniqueEmail();
    const registered = await t.http
      .post('/api/v1/auth/register')
      .set('Idempotency-Key', 'secret-1')
      .send({ email, password: TEST_PASSWORD, role: 'client', name: 'Secret' })
      .expect(201);
    secrets.push(registered.body.accessToken, registered.body.refreshToken);
    const login = await t.http
      .post('/api/v1/auth/login')
      .set('Idempotency-Key', 'secret-2')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    secrets.push(login.body.accessToken, login.body.refreshToken);
    const refreshed = await t.http
      .post('/api/v1/auth/refresh')
      .set('Idempotency-Key', 'secret-3')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);

    const admin = await createAdmin(t, Role.PlatformAdmin);
    const partner = await t.http
      .post('/api/v1/partners')
      .set(admin.auth)
      .set('Idempotency-Key', 'secret-4')
      .send({ name: 'Clinic', allowedOrigins: [] })
      .expect(201);
    const key = await t.http
      .post(`/api/v1/partners/${partner.body.id}/key`)
      .set(admin.auth)
      .set('Idempotency-Key', 'secret-5')
      .expect(201);
    secrets.push(partner.body.apiKey, key.body.apiKey);
    const therapist = await therapistWithProfile(t);
    const invitation = await t.http
      .post('/api/v1/therapists/me/review-invitations')
      .set(therapist.auth)
      .set('Idempotency-Key', 'secret-6')
      .expect(201);
    secrets.push(invitation.body.code);

    const rows = await t.db.query<{ key: string; body: string | null }[]>(
      'SELECT key, response_body::text AS body FROM idempotency_key',
    );
    const stored = JSON.stringify(rows);
    expect(secrets.filter((secret) => typeof secret !== 'string' || stored.includes(secret))).toEqual([]);
    expect(rows.map((r) => r.key).filter((k) => k.startsWith('secret-'))).toEqual([]);
  });

  it('should still refuse a spent refresh token sent again with the same key, and end its session', async () => {
    const email = uniqueEmail();
    await t.http
      .post('/api/v1/auth/register')
      .send({ email, password: TEST_PASSWORD, role: 'client', name: 'Reuse' })
      .expect(201);
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const refresh = () =>
      t.http.post('/api/v1/auth/refresh').set('Idempotency-Key', 'r-1').send({ refreshToken: login.body.refreshToken });
    const pair = await refresh().expect(200);
    await refresh().expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.body.refreshToken }).expect(401);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${pair.body.accessToken}`).expect(401);
  });
});

describe('idempotency keys whose request died', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const body = { slug: 'after-crash', name: 'After The Crash', credentialTypes: ['CNMT'] };
  const path = '/api/v1/associations';

  it('should answer 409 with Retry-After while the claim is held, and complete the request once its lease lapsed', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    // What a process killed mid-request leaves: the claim, no answer, and nothing written (the write rolled back).
    await t.db.query(
      `INSERT INTO idempotency_key (scope, key, method, path, request_hash, locked_until)
       VALUES ($1, 'K', 'POST', $2, $3, now() + interval '20 seconds')`,
      [`user:${admin.id}`, path, requestHashOf(path, body)],
    );
    const post = () => t.http.post(path).set(admin.auth).set('Idempotency-Key', 'K').send(body);
    const held = await post().expect(409);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(30);

    // Nobody renews the lease of a dead process: it lapses, and the retry runs the request.
    await t.db.query(`UPDATE idempotency_key SET locked_until = now() - interval '1 second' WHERE key = 'K'`);
    const done = await post().expect(201);
    expect(done.body.slug).toBe(body.slug);
    const replayed = await post().expect(201);
    expect(replayed.body).toEqual(done.body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
  });

  it('should not let another request take over a lapsed claim: the key stays bound to its request', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    await t.db.query(
      `INSERT INTO idempotency_key (scope, key, method, path, request_hash, locked_until)
       VALUES ($1, 'K2', 'POST', $2, $3, now() - interval '1 second')`,
      [`user:${admin.id}`, path, requestHashOf(path, body)],
    );
    await t.http
      .post(path)
      .set(admin.auth)
      .set('Idempotency-Key', 'K2')
      .send({ ...body, slug: 'someone-else' })
      .expect(422);
  });

  it('should forget keys after 24 hours: reused then, the key starts afresh, and start-up removes old keys', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const post = (slug: string) =>
      t.http
        .post(path)
        .set(admin.auth)
        .set('Idempotency-Key', 'day-old')
        .send({ ...body, slug });
    await post('first-day').expect(201);
    await post('second-day').expect(422);
    await t.db.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'day-old'`);
    await post('second-day').expect(201);

    await t.db.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'day-old'`);
    const second = await createApp(t.env);
    try {
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM idempotency_key WHERE key = 'day-old'`);
      expect(count).toBe(0);
    } finally {
      await second.close();
    }
  });
});
