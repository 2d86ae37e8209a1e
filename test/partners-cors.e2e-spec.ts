import { createTestApp, TestApp } from './support/app';
import { TestUser } from './support/users';
import { platformAdmin, therapistWithProfile, TestTherapist } from './support/reviews';

const FIRST_PARTY = 'https://app.nmt.example';
const CLINIC = 'https://clinic.example';
const OTHER_SITE = 'https://other-partner.example';

describe('partners: CORS', () => {
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
      expect(stranger.headers.vary).toMatch(/Origin/i);
      const preflight = await t.http
        .options(reviewsPath())
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'GET')
        .expect(404);
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
});
