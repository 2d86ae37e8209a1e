import { sign } from 'jsonwebtoken';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { registerUser, TEST_PASSWORD, uniqueEmail } from './support/users';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signWith = (payload: object, secret = t.env.JWT_SECRET!, options: object = {}) =>
    sign(payload, secret, {
      algorithm: 'HS256',
      issuer: t.env.JWT_ISSUER,
      audience: t.env.JWT_AUDIENCE,
      expiresIn: 600,
      ...options,
    });

  describe('register', () => {
    it('should create a client and return a token pair without the password hash', async () => {
      const email = uniqueEmail();
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email, password: TEST_PASSWORD, role: 'client', name: 'Ana' })
        .expect(201);
      expect(res.body.user).toEqual({ id: expect.any(String), email, name: 'Ana', role: 'client' });
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.refreshToken).toEqual(expect.any(String));
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    });

    it.each(['client', 'therapist'])(
      'should hand back tokens that work at once for a new %s (access on /me, refresh once)',
      async (role) => {
        const email = uniqueEmail(role);
        const res = await t.http
          .post('/api/v1/auth/register')
          .send({ email, password: TEST_PASSWORD, role, name: 'Nia New' })
          .expect(201);
        const me = await t.http
          .get('/api/v1/auth/me')
          .set('Authorization', `Bearer ${res.body.accessToken}`)
          .expect(200);
        expect(me.body).toMatchObject({ id: res.body.user.id, email, role, name: 'Nia New' });
        const refreshed = await t.http
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: res.body.refreshToken })
          .expect(200);
        await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
      },
    );

    it.each(['platform_admin', 'association_admin', 'superuser'])(
      'should refuse self-registration as %s',
      async (role) => {
        const email = uniqueEmail();
        const res = await t.http
          .post('/api/v1/auth/register')
          .send({ email, password: TEST_PASSWORD, role, name: 'Eve' })
          .expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
        const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM app_user WHERE email = $1', [email]);
        expect(count).toBe(0);
      },
    );

    it('should treat emails differing only in case as the same account (409)', async () => {
      const email = uniqueEmail('Case');
      await t.http
        .post('/api/v1/auth/register')
        .send({ email, password: TEST_PASSWORD, role: 'client', name: 'A' })
        .expect(201);
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email: email.toUpperCase(), password: TEST_PASSWORD, role: 'therapist', name: 'B' })
        .expect(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });

    it.each([
      ['a short password', { password: 'short' }, 'password'],
      ['a 129-character password', { password: 'x'.repeat(129) }, 'password'],
      ['a common password', { password: 'password123' }, 'password'],
      ['an invalid email', { email: 'not-an-email' }, 'email'],
      ['a numeric name', { name: 42 }, 'name'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ])('should reject %s with a 400 naming the field', async (_label, patch, field) => {
      const body = { email: uniqueEmail(), password: TEST_PASSWORD, role: 'client', name: 'N', ...patch };
      const res = await t.http.post('/api/v1/auth/register').send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('should reject a 5 MB password as too large before hashing it', async () => {
      await t.http
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: 'x'.repeat(5_000_000), role: 'client', name: 'N' })
        .expect(413);
    });

    it('should store SQL-looking strings as plain text', async () => {
      const name = "Robert'); DROP TABLE app_user;--";
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: TEST_PASSWORD, role: 'client', name })
        .expect(201);
      expect(res.body.user.name).toBe(name);
      await t.http.get('/health/ready').expect(200);
    });
  });

  describe('login', () => {
    it('should answer an unknown email and a wrong password identically', async () => {
      const user = await registerUser(t, Role.Client);
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password at all' })
        .expect(401);
      const unknown = await t.http
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('nobody'), password: 'not the password at all' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.detail).toBe('Invalid email or password.');
    });

    it('should accept the email in any case', async () => {
      const user = await registerUser(t, Role.Client);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
        .expect(200);
    });
  });

  describe('access tokens', () => {
    it('should return the caller from /me', async () => {
      const user = await registerUser(t, Role.Therapist);
      const res = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(res.body).toEqual({ id: user.id, email: user.email, name: user.name, role: 'therapist' });
    });

    it('should require a token on protected routes', async () => {
      const res = await t.http.get('/api/v1/auth/me').expect(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });

    it('should refuse a token with alg none', async () => {
      const user = await registerUser(t, Role.Client);
      const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, role: 'client', ver: 0, typ: 'access', iss: t.env.JWT_ISSUER, aud: t.env.JWT_AUDIENCE })}.`;
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    });

    it('should refuse a token signed with another secret', async () => {
      const user = await registerUser(t, Role.Client);
      const forged = signWith(
        { sub: user.id, role: 'client', ver: 0, typ: 'access' },
        'another-secret-another-secret-another-secret',
      );
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    });

    it('should refuse an expired token', async () => {
      const user = await registerUser(t, Role.Client);
      const expired = signWith({ sub: user.id, role: 'client', ver: 0, typ: 'access' }, undefined, { expiresIn: -10 });
      const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(res.body.detail).toMatch(/expired/);
    });

    it('should refuse a token whose role was edited in the payload', async () => {
      const user = await registerUser(t, Role.Client);
      const [header, payload, signature] = user.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const tampered = `${header}.${b64({ ...claims, role: 'platform_admin' })}.${signature}`;
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${tampered}`).expect(401);
    });

    it('should refuse a validly signed token claiming a role the user does not have', async () => {
      const user = await registerUser(t, Role.Client);
      const escalated = signWith({ sub: user.id, role: 'platform_admin', ver: 0, typ: 'access' });
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${escalated}`).expect(401);
    });

    it('should refuse tokens of another issuer or audience, or without the access type', async () => {
      const user = await registerUser(t, Role.Client);
      const claims = { sub: user.id, role: 'client', ver: 0, typ: 'access' };
      for (const token of [
        signWith(claims, undefined, { issuer: 'someone-else' }),
        signWith(claims, undefined, { audience: 'another-api' }),
        signWith({ ...claims, typ: 'refresh' }),
      ]) {
        await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      }
    });

    it('should never accept a refresh token as an access token', async () => {
      const user = await registerUser(t, Role.Client);
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${user.refreshToken}`).expect(401);
    });

    it('should end existing access tokens at once when the role changes', async () => {
      const user = await registerUser(t, Role.Client);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      await t.db.query(`UPDATE app_user SET role = 'therapist' WHERE id = $1`, [user.id]);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
    });
  });

  describe('refresh', () => {
    it('should rotate: a refresh token works once and yields a new pair', async () => {
      const user = await registerUser(t, Role.Client);
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      expect(res.body.refreshToken).not.toBe(user.refreshToken);
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    });

    it('should revoke the whole family when a used refresh token is replayed', async () => {
      const user = await registerUser(t, Role.Client);
      const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    });

    it('should let only one of two concurrent refreshes with the same token win', async () => {
      const user = await registerUser(t, Role.Client);
      const results = await Promise.all(
        [1, 2].map(() => t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('should store refresh tokens only as hashes', async () => {
      const user = await registerUser(t, Role.Client);
      const rows = await t.db.query('SELECT token_hash FROM refresh_token WHERE user_id = $1', [user.id]);
      expect(rows.length).toBeGreaterThan(0);
      expect(
        rows.every(
          (r: { token_hash: string }) => r.token_hash !== user.refreshToken && /^[0-9a-f]{64}$/.test(r.token_hash),
        ),
      ).toBe(true);
    });

    it('should refuse an unknown refresh token', async () => {
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
    });
  });

  describe('logout', () => {
    it('should end every session and access token of the caller without a body', async () => {
      const user = await registerUser(t, Role.Client);
      await t.http.post('/api/v1/auth/logout').set(user.auth).expect(204);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('should end only the given session with a refresh token', async () => {
      const user = await registerUser(t, Role.Client);
      const other = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      await t.http.post('/api/v1/auth/logout').set(user.auth).send({ refreshToken: user.refreshToken }).expect(204);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
    });

    it('should require authentication', async () => {
      await t.http.post('/api/v1/auth/logout').expect(401);
    });
  });
});
