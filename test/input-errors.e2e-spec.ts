import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { REVIEW_BODY, therapistWithProfile, establishedClient } from './support/reviews';
import { registerUser, TEST_PASSWORD, uniqueEmail } from './support/users';

describe('errors that read well', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const users = async () => Number((await t.db.query('SELECT count(*) AS n FROM app_user'))[0].n);

  it('should name each missing field once, saying it is required', async () => {
    const res = await t.http.post('/api/v1/auth/register').send({ email: uniqueEmail() }).expect(400);
    expect(res.body.errors).toEqual([
      { field: 'password', message: 'password is required' },
      { field: 'role', message: 'role is required' },
      { field: 'name', message: 'name is required' },
    ]);
  });

  it('should say what a value must be, in one message per field', async () => {
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short', role: 'admin', name: 'x'.repeat(201) })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'email', message: 'email must be an email address of at most 254 characters' },
      { field: 'password', message: 'password must be text of 8–128 characters' },
      { field: 'role', message: 'role must be one of: client, therapist' },
      { field: 'name', message: 'name must be non-empty text of at most 200 characters' },
    ]);
  });

  it('should refuse a rating sent as a string as "an integer from 1 to 5", and post nothing', async () => {
    const therapist = await therapistWithProfile(t);
    const client = await establishedClient(t);
    const res = await t.http
      .post(`/api/v1/therapists/${therapist.profileId}/reviews`)
      .set(client.auth)
      .send({ rating: '5', body: REVIEW_BODY })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'rating', message: 'rating must be an integer from 1 to 5' }]);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM review WHERE therapist_id = $1', [
      therapist.profileId,
    ]);
    expect(n).toBe(0);
  });

  it('should keep a custom rule in its own words when only it fails', async () => {
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'password123', role: 'client', name: 'Pat' })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'password', message: 'password is too common; choose a less predictable one' },
    ]);
  });

  it.each([
    ['a JSON array', '[{"email":"a@b.test"}]'],
    ['a JSON string', '"hello"'],
    ['a JSON number', '42'],
    ['null', 'null'],
  ])('should answer %s as a body with "the body must be a JSON object", creating nothing', async (_what, body) => {
    const before = await users();
    const res = await t.http
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'the body must be a JSON object' }]);
    expect(await users()).toBe(before);
  });

  it('should answer malformed JSON with errors naming the body', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.test",')
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, errors: [{ field: 'body', message: 'the body is not valid JSON' }] });
  });

  it('should refuse a body nested deeper than 32 levels with a 400 before parsing it, on any JSON route', async () => {
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/auth/refresh']) {
      const res = await t.http
        .post(path)
        .set('Content-Type', 'application/json')
        .send(`${'['.repeat(3000)}${']'.repeat(3000)}`)
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body', message: 'the body nests too deeply' }]);
    }
    const nested = JSON.stringify({
      email: 'a@b.test',
      password: 'x',
      deep: JSON.parse(`${'['.repeat(31)}${']'.repeat(31)}`),
    });
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(nested)
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'deep', message: 'deep is not a known field' }]);
  });

  it.each(['/api/v1/conditions', '/api/v1/specialties', '/api/v1/associations'])(
    'should refuse unknown query parameters on %s as every other route does',
    async (path) => {
      const res = await t.http.get(`${path}?limit=1`).expect(400);
      expect(res.body.errors).toEqual([{ field: 'limit', message: 'limit is not a known parameter' }]);
    },
  );

  it('should check the caller before the query: 401 without a token, 400 with one', async () => {
    await t.http.get('/api/v1/auth/me?debug=1').expect(401);
    const user = await registerUser(t, Role.Client);
    const res = await t.http.get('/api/v1/auth/me?debug=1').set(user.auth).expect(400);
    expect(res.body.errors).toEqual([{ field: 'debug', message: 'debug is not a known parameter' }]);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });
});
