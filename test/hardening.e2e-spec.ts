import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { IdempotencyInterceptor } from '../src/common/idempotency.interceptor';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { createAdmin, registerUser, TEST_PASSWORD, uniqueEmail } from './support/users';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'on', AUTH_RATE_LIMIT: '5', LOGIN_FAILURE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('should answer 429 with Retry-After once an address exceeds the auth limit', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'nope' });
      statuses.push(res.status);
      retryAfter ??= res.headers['retry-after'];
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('logout limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'on', AUTH_RATE_LIMIT: '5' });
  });
  afterAll(() => t.close());

  it('should count sign-outs against the auth limit of the address', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.http
        .post('/api/v1/auth/logout')
        .set(admin.auth)
        .send({ refreshToken: `unknown-${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429]);
  });
});

describe('failed login limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'on', LOGIN_FAILURE_LIMIT: '3', AUTH_RATE_LIMIT: '1000' });
  });
  afterAll(() => t.close());

  it('should block an account after too many failed logins from one address, even with the right password', async () => {
    const user = await registerUser(t, Role.Client);
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password here' }).expect(401);
    }
    const blocked = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('RATE_LIMITS=off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'off', AUTH_RATE_LIMIT: '2' });
  });
  afterAll(() => t.close());

  it('should switch every limit off', async () => {
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'nope' }).expect(401);
    }
  });
});

describe('idempotency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const association = (slug: string, name = 'Idempotent Association') => ({ slug, name, credentialTypes: ['CNMT'] });

  it('should replay the first response for the same key and body, creating nothing new', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const body = association('idem-one');
    const post = () => t.http.post('/api/v1/associations').set(admin.auth).set('Idempotency-Key', 'k-1').send(body);
    const first = await post().expect(201);
    const again = await post().expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM association WHERE slug = $1', [body.slug]);
    expect(count).toBe(1);
  });

  it('should answer 422 for the same key with a different body', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const post = (name: string) =>
      t.http
        .post('/api/v1/associations')
        .set(admin.auth)
        .set('Idempotency-Key', 'k-2')
        .send(association('idem-two', name));
    await post('First').expect(201);
    const res = await post('Other').expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('should replay an error response too', async () => {
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const post = () =>
      t.http.post('/api/v1/associations').set(admin.auth).set('Idempotency-Key', 'k-3').send(association('Not A Slug'));
    const first = await post().expect(400);
    const again = await post().expect(400);
    expect(again.body).toEqual(first.body);
  });

  it('should scope keys to the caller', async () => {
    const a = await registerUser(t, Role.Client);
    const b = await registerUser(t, Role.Client);
    await t.http
      .post('/api/v1/auth/logout')
      .set(a.auth)
      .set('Idempotency-Key', 'shared')
      .send({ refreshToken: a.refreshToken })
      .expect(204);
    await t.http.post('/api/v1/auth/logout').set(b.auth).set('Idempotency-Key', 'shared').send({}).expect(204);
    await t.http.get('/api/v1/auth/me').set(b.auth).expect(401);
  });

  it('should reject a key longer than 255 characters', async () => {
    const res = await t.http
      .post('/api/v1/auth/password-reset')
      .set('Idempotency-Key', 'k'.repeat(256))
      .send({ email: uniqueEmail() })
      .expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('should cover every POST route of the API', () => {
    const explorer = t.app.get(DiscoveryService);
    const uncovered: string[] = [];
    for (const { metatype, instance } of explorer.getControllers()) {
      if (!metatype || !instance) {
        continue;
      }
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) {
          continue;
        }
        const bound = [
          ...((Reflect.getMetadata(INTERCEPTORS_METADATA, metatype) as unknown[]) ?? []),
          ...((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[]) ?? []),
        ];
        if (!bound.includes(IdempotencyInterceptor)) {
          uncovered.push(`${metatype.name}.${name}`);
        }
      }
    }
    expect(uncovered).toEqual([]);
  });
});

describe('bootstrap admin and CORS', () => {
  let t: TestApp;
  const email = uniqueEmail('boss');
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: TEST_PASSWORD });
  });
  afterAll(() => t.close());

  it('should create the platform admin at start-up', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    expect(res.body.user.role).toBe('platform_admin');
  });

  it('should send no CORS headers to an unknown origin', async () => {
    const res = await t.http.get('/health/live').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
