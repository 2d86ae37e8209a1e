import { Role } from '../src/users/user.entity';
import { PartnerUsageCounter } from '../src/partners/partner-usage.counter';
import { createTestApp, TestApp } from './support/app';
import { registerUser, TestUser } from './support/users';
import { associationAdmin, platformAdmin, therapistWithProfile, TestTherapist } from './support/reviews';

const CLINIC = 'https://clinic.example';

describe('partners: administration and keys', () => {
  let t: TestApp;
  let admin: TestUser;
  let therapist: TestTherapist;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await platformAdmin(t);
    therapist = await therapistWithProfile(t);
  });
  afterAll(() => t.close());

  async function createPartner(allowedOrigins: string[] = [CLINIC]): Promise<{ id: string; apiKey: string }> {
    const res = await t.http
      .post('/api/v1/partners')
      .set(admin.auth)
      .send({ name: 'Clinic Finder', allowedOrigins })
      .expect(201);
    return res.body as { id: string; apiKey: string };
  }

  const reviewsPath = (): string => `/api/v1/therapists/${therapist.profileId}/reviews`;

  describe('administration', () => {
    it('should create a partner and show the key once, storing only its hash and prefix', async () => {
      const { id, apiKey } = await createPartner();
      expect(apiKey).toMatch(/^nmtp_[A-Za-z0-9_-]{43}$/);
      const [row] = await t.db.query<{ key_hash: string; key_prefix: string }[]>(
        'SELECT key_hash, key_prefix FROM partner WHERE id = $1',
        [id],
      );
      expect(row.key_hash).not.toContain(apiKey);
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(apiKey.startsWith(row.key_prefix)).toBe(true);
    });

    it('should reject invalid origins and unknown fields with 400', async () => {
      for (const allowedOrigins of [
        ['clinic.example'],
        ['https://clinic.example/'],
        ['https://clinic.example/widget'],
        ['ftp://clinic.example'],
        'https://x.example',
      ]) {
        const res = await t.http
          .post('/api/v1/partners')
          .set(admin.auth)
          .send({ name: 'Bad', allowedOrigins })
          .expect(400);
        expect(res.body.errors[0].field).toBe('allowedOrigins');
      }
      await t.http
        .post('/api/v1/partners')
        .set(admin.auth)
        .send({ name: 'X', allowedOrigins: [], apiKey: 'mine' })
        .expect(400);
    });

    it('should keep partner administration to platform admins', async () => {
      const { id } = await createPartner();
      for (const user of [await registerUser(t, Role.Client), therapist, await associationAdmin(t)]) {
        await t.http.post('/api/v1/partners').set(user.auth).send({ name: 'X', allowedOrigins: [] }).expect(403);
        await t.http.delete(`/api/v1/partners/${id}/key`).set(user.auth).expect(403);
        await t.http.get(`/api/v1/partners/${id}/usage`).set(user.auth).expect(403);
      }
      await t.http.post('/api/v1/partners').send({ name: 'X', allowedOrigins: [] }).expect(401);
      await t.http.get('/api/v1/partners/00000000-0000-4000-8000-000000000000/usage').set(admin.auth).expect(404);
      await t.http.delete('/api/v1/partners/not-a-uuid/key').set(admin.auth).expect(404);
    });
  });

  describe('X-Api-Key', () => {
    it('should let a key read the partner routes', async () => {
      const { apiKey } = await createPartner();
      const res = await t.http.get(reviewsPath()).set('X-Api-Key', apiKey).expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
      for (const path of [
        '/api/v1/conditions',
        '/api/v1/specialties',
        `/api/v1/therapists/${therapist.profileId}`,
        '/api/v1/search/therapists?near=30.27,-97.74',
        '/api/v1/verify?association=x&credentialNumber=1',
      ]) {
        const status = (await t.http.get(path).set('X-Api-Key', apiKey)).status;
        expect([401, 403]).not.toContain(status);
      }
    });

    it('should answer 403 to a valid key on any other route, whatever that route would say to the anonymous', async () => {
      const { apiKey } = await createPartner();
      const denied: [string, string][] = [
        ['post', reviewsPath()],
        ['get', '/api/v1/therapists/me'],
        ['get', '/api/v1/therapists/m%65'],
        ['get', '/api/v1/nowhere'],
        ['get', '/api/v1/auth/me'],
        ['post', '/api/v1/auth/login'],
        ['get', '/api/v1/reviews/moderation-queue'],
        ['get', '/api/v1/partners/00000000-0000-4000-8000-000000000000/usage'],
        ['post', '/api/v1/therapists/me/review-invitations'],
      ];
      for (const [method, path] of denied) {
        const res = await t.http[method as 'get' | 'post'](path)
          .set('X-Api-Key', apiKey)
          .send(method === 'post' ? {} : undefined);
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('should answer 401 to an unknown key and to a revoked one, and accept a newly issued key', async () => {
      await t.http.get(reviewsPath()).set('X-Api-Key', 'nmtp_not-a-real-key').expect(401);
      const { id, apiKey } = await createPartner();
      await t.http.get(reviewsPath()).set('X-Api-Key', apiKey).expect(200);
      await t.http.delete(`/api/v1/partners/${id}/key`).set(admin.auth).expect(204);
      const revoked = await t.http.get(reviewsPath()).set('X-Api-Key', apiKey).expect(401);
      expect(revoked.body).toMatchObject({ status: 401, detail: expect.stringMatching(/revoked/) });
      const issued = await t.http.post(`/api/v1/partners/${id}/key`).set(admin.auth).expect(201);
      expect(issued.body.id).toBe(id);
      await t.http
        .get(reviewsPath())
        .set('X-Api-Key', issued.body.apiKey as string)
        .expect(200);
      await t.http.get(reviewsPath()).set('X-Api-Key', apiKey).expect(401);
    });

    it('should count requests per partner per day', async () => {
      const { id, apiKey } = await createPartner();
      for (let i = 0; i < 7; i++) {
        await t.http.get(reviewsPath()).set('X-Api-Key', apiKey).expect(200);
      }
      await t.http.get('/api/v1/auth/me').set('X-Api-Key', apiKey).expect(403);
      const usage = await t.http.get(`/api/v1/partners/${id}/usage`).set(admin.auth).expect(200);
      expect(usage.body).toEqual({
        items: [{ day: new Date().toISOString().slice(0, 10), requests: 7 }],
        nextCursor: null,
      });
      await t.http.get(reviewsPath()).set('X-Api-Key', apiKey).expect(200);
      await t.app.get(PartnerUsageCounter).flush();
      const [row] = await t.db.query<{ requests: string }[]>(
        'SELECT requests FROM partner_usage WHERE partner_id = $1',
        [id],
      );
      expect(Number(row.requests)).toBe(8);
    });
  });
});
