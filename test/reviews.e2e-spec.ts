import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { createAdmin } from './support/users';
import {
  confirmedClient,
  associationAdmin,
  postReview,
  ratingAndTruth,
  REVIEW_BODY,
  reviewBody,
  therapistWithProfile,
  TestTherapist,
} from './support/reviews';

describe('reviews: posting', () => {
  let t: TestApp;
  let therapist: TestTherapist;

  beforeAll(async () => {
    t = await createTestApp({ NEW_ACCOUNT_REVIEW_HOLD_HOURS: '0' });
    therapist = await therapistWithProfile(t);
  });
  afterAll(() => t.close());

  describe('POST /therapists/:id/reviews', () => {
    it('should create a published review with the author shown as first name and last initial', async () => {
      const client = await confirmedClient(t, { name: 'Casey Jane Morgan' });
      const res = await postReview(t, client, therapist.profileId, {
        rating: 4,
        body: `  ${REVIEW_BODY}  `,
        conditionSlug: 'neck-pain',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        therapistId: therapist.profileId,
        rating: 4,
        body: REVIEW_BODY,
        conditionSlug: 'neck-pain',
        authorName: 'Casey M.',
        verifiedClient: false,
        status: 'published',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        response: null,
      });
      expect(JSON.stringify(res.body)).not.toContain(client.email);
    });

    it.each([
      ['0', 0],
      ['6', 6],
      ['3.5', 3.5],
      ['the string "5"', '5'],
      ['null', null],
    ])('should reject rating %s with a 400 naming the field', async (_label, rating) => {
      const client = await confirmedClient(t);
      const res = await postReview(t, client, therapist.profileId, { rating });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('rating');
    });

    it('should reject a missing body, a body under 20 characters after trimming and a 20,000-character body', async () => {
      const client = await confirmedClient(t);
      const missing = await t.http
        .post(`/api/v1/therapists/${therapist.profileId}/reviews`)
        .set(client.auth)
        .send({ rating: 5 });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('body');
      for (const body of [`   ${'x'.repeat(19)}     `, 'y'.repeat(20_000), 'z'.repeat(5001)]) {
        const res = await postReview(t, client, therapist.profileId, { body });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('body');
      }
      const max = await postReview(t, client, therapist.profileId, { body: 'w'.repeat(5000) });
      expect(max.status).toBe(201);
    });

    it('should reject unknown fields', async () => {
      const client = await confirmedClient(t);
      const res = await postReview(t, client, therapist.profileId, { verifiedClient: true });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('verifiedClient');
    });

    it('should store script tags as plain text and return them as JSON, never as HTML', async () => {
      const client = await confirmedClient(t, { name: '<img src=x onerror=alert(1)> Smith' });
      const body = '<script>alert("xss")</script> Great neuromuscular session!';
      const res = await postReview(t, client, therapist.profileId, { body });
      expect(res.status).toBe(201);
      expect(res.body.body).toBe(body);
      const list = await t.http.get(`/api/v1/therapists/${therapist.profileId}/reviews`).expect(200);
      expect(list.headers['content-type']).toMatch(/^application\/json/);
      expect(list.body.items.find((r: { id: string }) => r.id === res.body.id).body).toBe(body);
    });

    it('should answer 422 naming an unknown condition slug', async () => {
      const client = await confirmedClient(t);
      const res = await postReview(t, client, therapist.profileId, { conditionSlug: 'not-a-condition' });
      expect(res.status).toBe(422);
      expect(res.body.detail).toContain('not-a-condition');
      expect(res.body.errors[0].field).toBe('conditionSlug');
    });

    it('should answer 404 for unknown, unpublished and malformed therapist ids', async () => {
      const client = await confirmedClient(t);
      const hidden = await therapistWithProfile(t, { published: false });
      for (const id of ['00000000-0000-4000-8000-000000000000', hidden.profileId, 'not-a-uuid']) {
        const res = await postReview(t, client, id);
        expect(res.status).toBe(404);
      }
      expect(await t.db.query('SELECT 1 FROM review WHERE therapist_id = $1', [hidden.profileId])).toHaveLength(0);
    });

    it('should refuse therapists (403), admins (403) and anonymous callers (401) before validating the body', async () => {
      const otherTherapist = await therapistWithProfile(t);
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const assocAdmin = await associationAdmin(t);
      for (const user of [otherTherapist, therapist, admin, assocAdmin]) {
        const res = await t.http
          .post(`/api/v1/therapists/${therapist.profileId}/reviews`)
          .set(user.auth)
          .send({ rating: 0 });
        expect(res.status).toBe(403);
      }
      const anonymous = await t.http
        .post(`/api/v1/therapists/${therapist.profileId}/reviews`)
        .send({ rating: 5, body: reviewBody() });
      expect(anonymous.status).toBe(401);
    });

    it("should refuse a review of one's own profile", async () => {
      const client = await confirmedClient(t);
      const own = await therapistWithProfile(t);
      await t.db.query('UPDATE therapist_profile SET user_id = $1 WHERE id = $2', [client.id, own.profileId]);
      const res = await postReview(t, client, own.profileId);
      expect(res.status).toBe(403);
    });

    it('should answer 409 to a second review of the same therapist by the same client', async () => {
      const client = await confirmedClient(t);
      expect((await postReview(t, client, therapist.profileId)).status).toBe(201);
      const second = await postReview(t, client, therapist.profileId, { rating: 1 });
      expect(second.status).toBe(409);
      expect(second.body.detail).toMatch(/already reviewed/);
    });

    it('should keep exactly one row when one client posts 50 reviews concurrently', async () => {
      const client = await confirmedClient(t);
      const target = await therapistWithProfile(t);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => postReview(t, client, target.profileId, { rating: (i % 5) + 1 })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const rows = await t.db.query('SELECT 1 FROM review WHERE author_id = $1 AND therapist_id = $2', [
        client.id,
        target.profileId,
      ]);
      expect(rows).toHaveLength(1);
      const { rating, truth } = await ratingAndTruth(t, target.profileId);
      expect(rating).toEqual(truth);
      expect(rating.count).toBe(1);
    });
  });
});
