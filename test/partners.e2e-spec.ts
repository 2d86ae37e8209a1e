import { Role } from '../src/users/user.entity';
import { PartnerUsageCounter } from '../src/partners/partner-usage.counter';
import { createTestApp, TestApp } from './support/app';
import { registerUser, TestUser } from './support/users';
import { associationAdmin, platformAdmin, therapistWithProfile, TestTherapist } from './support/reviews';

const FIRST_PARTY = 'https://app.nmt.example';
const CLINIC = 'https://clinic.example';
const OTHER_SITE = 'https://other-partner.example';

describe('partners', () => {
  let t: TestApp;
  let admin: TestUser;
  let therapist: TestTherapist;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${FIRST_PARTY}, https://admin.nmt.example` });
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

  describe('CORS', () => {
    let partner: { id: string; apiKey: string };
    beforeAll(async () => {
      partner = await createPartner([CLINIC]);
    });

    it("should allow a partner's origin on the partner routes, with and without its key", async () => {
      const plain = await t.http.get(reviewsPath()).set('Origin', CLINIC).expect(200);
      expect(plain.headers['access-control-allow-origin']).toBe(CLINIC);
      const keyed = await t.http.get(reviewsPath()).set('Origin', CLINIC).set('X-Api-Key', partner.apiKey).expect(200);
      expect(keyed.headers['access-control-allow-origin']).toBe(CLINIC);
      expect(keyed.headers.vary).toMatch(/Origin/i);
    });

    it('should answer the preflight for a partner route from a partner origin', async () => {
      const res = await t.http
        .options('/api/v1/search/therapists')
        .set('Origin', CLINIC)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'x-api-key')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(CLINIC);
      expect(res.headers['access-control-allow-headers']).toMatch(/X-Api-Key/i);
      expect(res.headers['access-control-allow-methods']).toMatch(/^GET, ?HEAD$/);
    });

    it('should deny partner origins on other routes and methods, and unknown origins everywhere', async () => {
      const login = await t.http
        .options('/api/v1/auth/login')
        .set('Origin', CLINIC)
        .set('Access-Control-Request-Method', 'POST');
      expect(login.headers['access-control-allow-origin']).toBeUndefined();
      const post = await t.http
        .options(reviewsPath())
        .set('Origin', CLINIC)
        .set('Access-Control-Request-Method', 'POST');
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
      const me = await t.http.get('/api/v1/auth/me').set('Origin', CLINIC);
      expect(me.headers['access-control-allow-origin']).toBeUndefined();
      const stranger = await t.http.get(reviewsPath()).set('Origin', 'https://evil.example').expect(200);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http
        .options(reviewsPath())
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it("should deny an origin that belongs to another partner than the key's", async () => {
      const other = await createPartner([OTHER_SITE]);
      const res = await t.http
        .get(reviewsPath())
        .set('Origin', OTHER_SITE)
        .set('X-Api-Key', partner.apiKey)
        .expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const own = await t.http.get(reviewsPath()).set('Origin', OTHER_SITE).set('X-Api-Key', other.apiKey).expect(200);
      expect(own.headers['access-control-allow-origin']).toBe(OTHER_SITE);
    });

    it('should allow CORS_ORIGINS on every route', async () => {
      const res = await t.http
        .options('/api/v1/auth/login')
        .set('Origin', FIRST_PARTY)
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(FIRST_PARTY);
      const second = await t.http.get('/api/v1/auth/me').set('Origin', 'https://admin.nmt.example').expect(401);
      expect(second.headers['access-control-allow-origin']).toBe('https://admin.nmt.example');
    });

    it("should stop allowing a partner's origins once its key is revoked", async () => {
      const gone = await createPartner(['https://gone.example']);
      expect(
        (await t.http.get(reviewsPath()).set('Origin', 'https://gone.example')).headers['access-control-allow-origin'],
      ).toBe('https://gone.example');
      await t.http.delete(`/api/v1/partners/${gone.id}/key`).set(admin.auth).expect(204);
      expect(
        (await t.http.get(reviewsPath()).set('Origin', 'https://gone.example')).headers['access-control-allow-origin'],
      ).toBeUndefined();
    });
  });

  // Last: a second app in the same process takes over the process-wide passport strategy.
  describe('per-key rate limit', () => {
    it('should rate-limit each key on its own with 429 and Retry-After', async () => {
      const limited = await createTestApp({ RATE_LIMITS: 'on', PARTNER_RATE_LIMIT: '3' });
      try {
        const boss = await platformAdmin(limited);
        const keys = [];
        for (const name of ['A', 'B']) {
          keys.push(
            (await limited.http.post('/api/v1/partners').set(boss.auth).send({ name, allowedOrigins: [] }).expect(201))
              .body.apiKey as string,
          );
        }
        const statuses = [];
        for (let i = 0; i < 4; i++) {
          statuses.push(
            (
              await limited.http
                .get('/api/v1/therapists/00000000-0000-4000-8000-000000000000/reviews')
                .set('X-Api-Key', keys[0])
            ).status,
          );
        }
        expect(statuses).toEqual([404, 404, 404, 429]);
        const limitedRes = await limited.http.get('/api/v1/conditions').set('X-Api-Key', keys[0]).expect(429);
        expect(Number(limitedRes.headers['retry-after'])).toBeGreaterThan(0);
        await limited.http
          .get('/api/v1/therapists/00000000-0000-4000-8000-000000000000/reviews')
          .set('X-Api-Key', keys[1])
          .expect(404);
      } finally {
        await limited.close();
      }
    });
  });
});
