import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { createAdmin, registerUser, TEST_PASSWORD, uniqueEmail } from './support/users';
import { createAssociation, NO_JOBS } from './support/verification';

describe('associations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
  });
  afterAll(() => t.close());

  it('should let a platform admin create an association that the public can list', async () => {
    const platform = await createAdmin(t, Role.PlatformAdmin);
    const body = {
      slug: 'nmt-center',
      name: 'NMT Center',
      website: 'https://nmtcenter.example',
      credentialTypes: ['CNMT', 'NMT'],
    };
    const created = await t.http.post('/api/v1/associations').set(platform.auth).send(body).expect(201);
    expect(created.body).toEqual(body);
    const list = await t.http.get('/api/v1/associations').expect(200);
    expect(list.body.items).toContainEqual(body);
    expect(list.body.nextCursor).toBeNull();
  });

  it('should answer 409 for a taken slug', async () => {
    const platform = await createAdmin(t, Role.PlatformAdmin);
    const body = { slug: 'dup-assoc', name: 'A', credentialTypes: [] };
    await t.http.post('/api/v1/associations').set(platform.auth).send(body).expect(201);
    await t.http.post('/api/v1/associations').set(platform.auth).send(body).expect(409);
  });

  it('should refuse association creation to everyone but platform admins, and bad slugs', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const a = await createAssociation(t);
    const body = { slug: 'x-assoc', name: 'X', credentialTypes: [] };
    await t.http.post('/api/v1/associations').send(body).expect(401);
    await t.http.post('/api/v1/associations').set(therapist.auth).send(body).expect(403);
    await t.http.post('/api/v1/associations').set(a.admin.auth).send(body).expect(403);
    const platform = await createAdmin(t, Role.PlatformAdmin);
    const bad = await t.http
      .post('/api/v1/associations')
      .set(platform.auth)
      .send({ ...body, slug: 'Bad Slug' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('slug');
  });

  it('should create an association admin bound to that association', async () => {
    const a = await createAssociation(t);
    const platform = await createAdmin(t, Role.PlatformAdmin);
    const email = uniqueEmail('admin');
    const res = await t.http
      .post(`/api/v1/associations/${a.slug}/admins`)
      .set(platform.auth)
      .send({ email, password: TEST_PASSWORD, name: 'Ada Admin' })
      .expect(201);
    expect(res.body).toMatchObject({ email, role: 'association_admin', associationSlug: a.slug });
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.associationSlug).toBe(a.slug);
  });

  it('should refuse admins for unknown associations (404), taken emails (409) and weak passwords (400)', async () => {
    const a = await createAssociation(t);
    const platform = await createAdmin(t, Role.PlatformAdmin);
    const body = { email: uniqueEmail('admin'), password: TEST_PASSWORD, name: 'Ada' };
    await t.http.post('/api/v1/associations/no-such-assoc/admins').set(platform.auth).send(body).expect(404);
    await t.http.post(`/api/v1/associations/${a.slug}/admins`).set(platform.auth).send(body).expect(201);
    await t.http.post(`/api/v1/associations/${a.slug}/admins`).set(platform.auth).send(body).expect(409);
    const weak = await t.http
      .post(`/api/v1/associations/${a.slug}/admins`)
      .set(platform.auth)
      .send({ ...body, email: uniqueEmail('admin'), password: 'password123' })
      .expect(400);
    expect(weak.body.errors[0].field).toBe('password');
    await t.http
      .post(`/api/v1/associations/${a.slug}/admins`)
      .set(platform.auth)
      .send({ ...body, email: uniqueEmail('admin'), password: 'short' })
      .expect(400);
    await t.http
      .post(`/api/v1/associations/${a.slug}/admins`)
      .set(a.admin.auth)
      .send({ ...body, email: uniqueEmail('admin') })
      .expect(403);
  });

  it('should document the verification routes and their error responses in OpenAPI', async () => {
    const res = await t.http.get('/docs/openapi.json').expect(200);
    const paths = res.body.paths;
    expect(Object.keys(paths['/api/v1/associations/{slug}/records/import'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '413', '415']),
    );
    expect(paths['/api/v1/therapists/me/certifications'].post.responses['409']).toBeDefined();
    expect(paths['/api/v1/certifications/{id}/decision'].post).toBeDefined();
    expect(paths['/api/v1/verify'].get.responses['429']).toBeDefined();
    const queue = paths['/api/v1/associations/{slug}/verifications'].get.responses['200'];
    expect(queue.content['application/json'].schema.$ref).toBe('#/components/schemas/ReviewQueuePageDto');
  });
});
