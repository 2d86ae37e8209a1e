import { request as httpRequest } from 'node:http';
import jwt from 'jsonwebtoken';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { createListeningTestApp, ListeningTestApp } from './support/listening-app';
import { insertAssociation, insertCertification, insertProfile } from './support/profiles';
import { SEARCH_PATH, seedTherapist } from './support/search';
import { createAdmin, registerUser, TEST_PASSWORD, uniqueEmail } from './support/users';

const expectProblem = (res: { status: number; headers: Record<string, string>; body: { status?: number } }) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.body.status).toBe(res.status);
};

describe('values no field accepts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '30' });
    for (let i = 0; i < 3; i++) {
      await seedTherapist(t, { rating: { count: 1, sum: 4 } });
    }
  });
  afterAll(() => t.close());

  it('should refuse a non-finite number in the search, so that it never empties the cached answer of another search', async () => {
    const base = `${SEARCH_PATH}?postalCode=78701&verifiedOnly=false&radiusKm=393.884`;
    for (const value of ['Infinity', '-Infinity', '1e999', 'NaN']) {
      const res = await t.http.get(`${base}&minRating=${value}`).expect(400);
      expectProblem(res);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['minRating']);
    }
    const plain = await t.http.get(base).expect(200);
    expect(plain.body.total).toBe(3);
    for (const parameter of ['radiusKm', 'limit', 'sessionLength']) {
      const res = await t.http.get(`${SEARCH_PATH}?postalCode=78701&${parameter}=Infinity`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([parameter]);
    }
  });

  it('should refuse non-finite numbers in JSON bodies and query strings of every other route', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const res = await t.http.get('/api/v1/therapists/me/certifications?limit=1e999').set(therapist.auth).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    const body = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"email":"a@b.test","password":"whatever it is","x":1e999}`)
      .expect(400);
    expectProblem(body);
  });

  it('should refuse NUL characters and lone surrogates with a 400 instead of reaching PostgreSQL', async () => {
    const nul = await t.http.post('/api/v1/auth/login').send({ email: 'a\u0000b@b.test', password: TEST_PASSWORD });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ field: 'email', message: 'email must not contain NUL characters' }]);
    const lone = await t.http
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send(`{"email":"a\\ud800b@b.test","password":"${TEST_PASSWORD}","role":"client","name":"Lone"}`);
    expect(lone.status).toBe(400);
    expect(lone.body.errors).toEqual([{ field: 'email', message: 'email is not valid Unicode text' }]);
    const q = await t.http.get(`${SEARCH_PATH}?postalCode=78701&q=%00`).expect(400);
    expect(q.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const slug = await t.http.delete('/api/v1/conditions/%00').set(admin.auth).expect(400);
    expectProblem(slug);
  });

  it('should refuse a cursor that decodes to the wrong shape for its list', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const admin = await createAdmin(t, Role.PlatformAdmin);
    const profile = await insertProfile(t, therapist.id);
    const certification = await insertCertification(t, profile.id, await insertAssociation(t, 'cursor-assoc'));
    const cases: [string, { Authorization: string }][] = [
      ['/api/v1/therapists/me/certifications?cursor=WyJ4Il0', therapist.auth], // ["x"]
      ['/api/v1/therapists/me/certifications?cursor=WzEuNV0', therapist.auth], // [1.5]
      [`/api/v1/certifications/${certification}/audit?cursor=WzEuNV0`, admin.auth],
      ['/api/v1/users?cursor=WyJ4IiwieSJd', admin.auth], // ["x","y"]
      ['/api/v1/mail/failed?cursor=WyJ4IiwieSJd', admin.auth],
    ];
    for (const [path, auth] of cases) {
      const res = await t.http.get(path).set(auth);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.errors).toEqual([{ field: 'cursor', message: 'cursor is malformed' }]);
    }
  });
});

describe('errors of the router', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await createListeningTestApp();
  });
  afterAll(() => t.close());

  it('should answer a path with broken percent-encoding as a problem with the usual headers, never echoing the path', async () => {
    const res = await t.http.get('/api/v1/therapists/%ff').expect(400);
    expectProblem(res);
    expect(JSON.stringify(res.body)).not.toContain('%ff');
  });

  it('should answer a path of any length without repeating it', async () => {
    const id = 'a'.repeat(10_000);
    for (const path of [`/api/v1/therapists/${id}`, `/api/v1/certifications/${id}/audit`, `/api/v1/${id}`]) {
      const res = await t.http.get(path);
      expect([404, 414]).toContain(res.status);
      expectProblem(res);
      expect(JSON.stringify(res.body)).not.toContain('aaaaaaaaaa');
    }
  });

  it('should answer headers too large for the server as a problem too', async () => {
    const { status, type, nosniff } = await new Promise<{ status?: number; type?: string; nosniff?: string }>(
      (resolve, reject) => {
        const req = httpRequest(`${t.publicUrl}/api/v1/health/live?${'x'.repeat(20_000)}`, (res) => {
          res.resume();
          resolve({
            status: res.statusCode,
            type: res.headers['content-type'],
            nosniff: res.headers['x-content-type-options'] as string,
          });
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect({ status, type, nosniff }).toEqual({ status: 431, type: 'application/problem+json', nosniff: 'nosniff' });
  });
});

describe('what caches may keep', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should mark signed-in answers and answers carrying secrets no-store, and leave public search cacheable', async () => {
    const email = uniqueEmail();
    const registered = await t.http
      .post('/api/v1/auth/register')
      .send({ email, password: TEST_PASSWORD, role: 'client', name: 'Store' })
      .expect(201);
    expect(registered.headers['cache-control']).toBe('no-store');
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const me = await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const searched = await t.http.get(`${SEARCH_PATH}?postalCode=78701`).expect(200);
    expect(searched.headers['cache-control']).toMatch(/^public, max-age=/);
  });

  it('should refuse a correctly signed access token without an expiry', async () => {
    const user = await registerUser(t, Role.Client);
    const claims = jwt.decode(user.accessToken) as Record<string, unknown>;
    delete claims.exp;
    const forever = jwt.sign(claims, t.env.JWT_SECRET!, { algorithm: 'HS256' });
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forever}`).expect(401);
    const withExp = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, t.env.JWT_SECRET!);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${withExp}`).expect(200);
  });
});
