import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { associationAdmin } from './support/reviews';
import { createAdmin, registerUser, TEST_PASSWORD, TestUser } from './support/users';

describe('role management by platform admins', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ NOTICE_DELIVERY_INTERVAL_SECONDS: '0' });
    admin = await createAdmin(t, Role.PlatformAdmin);
  });
  afterAll(() => t.close());

  const patch = (user: TestUser, id: string, body: object) =>
    t.http.patch(`/api/v1/users/${id}`).set(user.auth).send(body);
  const login = (user: TestUser) =>
    t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });

  it('should keep every new endpoint from each role that must not reach it', async () => {
    const target = await registerUser(t, Role.Client);
    const others = [
      await registerUser(t, Role.Client),
      await registerUser(t, Role.Therapist),
      await associationAdmin(t),
    ];
    for (const user of others) {
      await t.http.get('/api/v1/users').set(user.auth).expect(403);
      await patch(user, target.id, { role: 'platform_admin' }).expect(403);
      await patch(user, user.id, { role: 'platform_admin' }).expect(403);
      await t.http.get('/api/v1/mail/failed').set(user.auth).expect(403);
    }
    await t.http.get('/api/v1/users').expect(401);
    await t.http.patch(`/api/v1/users/${target.id}`).send({ disabled: true }).expect(401);
    await t.http.get('/api/v1/mail/failed').expect(401);
    for (const [method, path] of [
      ['post', '/api/v1/auth/email-verification'],
      ['patch', '/api/v1/auth/me'],
      ['post', '/api/v1/auth/me/password'],
      ['get', '/api/v1/auth/me/export'],
      ['delete', '/api/v1/auth/me'],
    ] as const) {
      await t.http[method](path).send({}).expect(401);
    }
    const after = await login(target).expect(200);
    expect(after.body.user.role).toBe('client');
  });

  it('should find accounts by part of their e-mail address, a page at a time', async () => {
    const marker = `find${Date.now()}`;
    const users = [];
    for (let i = 0; i < 3; i++) {
      const email = `${marker}-${i}@Example.test`;
      users.push(await registerUser(t, Role.Client, { email }));
    }
    const first = await t.http
      .get('/api/v1/users')
      .set(admin.auth)
      .query({ email: marker.toUpperCase(), limit: 2 })
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual({
      id: users[0].id,
      email: users[0].email,
      name: 'Casey Client',
      role: 'client',
      associationSlug: null,
      emailVerified: false,
      disabled: false,
      createdAt: expect.any(String),
    });
    const second = await t.http
      .get('/api/v1/users')
      .set(admin.auth)
      .query({ email: marker, limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: users[2].id })], nextCursor: null });
    const none = await t.http.get('/api/v1/users').set(admin.auth).query({ email: '%' }).expect(200);
    expect(none.body.items).toEqual([]);
    await t.http.get('/api/v1/users').set(admin.auth).query({ role: 'client' }).expect(400);
    await t.http.get('/api/v1/users').set(admin.auth).query({ limit: 0 }).expect(400);
  });

  it('should change a role and end every session of the account at once', async () => {
    const user = await registerUser(t, Role.Client);
    const res = await patch(admin, user.id, { role: 'therapist' }).expect(200);
    expect(res.body).toMatchObject({ id: user.id, role: 'therapist', disabled: false });
    await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const again = await login(user).expect(200);
    expect(again.body.user.role).toBe('therapist');
  });

  it('should stop a disabled account at once and let it back in when enabled', async () => {
    const user = await registerUser(t, Role.Therapist);
    const res = await patch(admin, user.id, { disabled: true }).expect(200);
    expect(res.body.disabled).toBe(true);
    await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const refused = await login(user).expect(403);
    expect(refused.body.detail).toBe('This account is disabled.');
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password 123' }).expect(401);
    await patch(admin, user.id, { disabled: false }).expect(200);
    await login(user).expect(200);
  });

  it('should refuse bad changes with a clear 4xx and change nothing', async () => {
    const user = await registerUser(t, Role.Client);
    await patch(admin, user.id, { role: 'association_admin' }).expect(422);
    const bad = await patch(admin, user.id, { role: 'superuser' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    await patch(admin, user.id, { disabled: 'yes' }).expect(400);
    await patch(admin, user.id, { email: 'x@example.test' }).expect(400);
    await patch(admin, '7a1f4a2e-5c55-4a3b-9d7e-9b1a3c1f0000', { disabled: true }).expect(404);
    await patch(admin, 'not-a-uuid', { disabled: true }).expect(404);
    await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
  });

  it('should never leave the service without an active platform admin', async () => {
    const fresh = await createTestApp({ NOTICE_DELIVERY_INTERVAL_SECONDS: '0' });
    try {
      const only = await createAdmin(fresh, Role.PlatformAdmin);
      const self = (body: object) => fresh.http.patch(`/api/v1/users/${only.id}`).set(only.auth).send(body);
      expect((await self({ role: 'client' }).expect(422)).body.detail).toMatch(/last active platform admin/);
      await self({ disabled: true }).expect(422);

      const [x, y] = [await createAdmin(fresh, Role.PlatformAdmin), await createAdmin(fresh, Role.PlatformAdmin)];
      await fresh.http.patch(`/api/v1/users/${only.id}`).set(x.auth).send({ disabled: true }).expect(200);
      // x and y demote each other at the same moment: at most one may win.
      const results = await Promise.all([
        fresh.http.patch(`/api/v1/users/${y.id}`).set(x.auth).send({ role: 'client' }),
        fresh.http.patch(`/api/v1/users/${x.id}`).set(y.auth).send({ role: 'client' }),
      ]);
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      const [{ n }] = await fresh.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM app_user WHERE role = 'platform_admin' AND disabled_at IS NULL`,
      );
      expect(n).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
