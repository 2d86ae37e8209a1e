import { createTestApp, TestApp } from './support/app';
import { TestUser } from './support/users';
import {
  confirmedClient,
  establishedClient,
  postReview,
  ratingAndTruth,
  reviewBody,
  therapistWithProfile,
  TestTherapist,
} from './support/reviews';

describe('reviews: listing and aggregates', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ NEW_ACCOUNT_REVIEW_HOLD_HOURS: '0' });
  });
  afterAll(() => t.close());

  describe('GET /therapists/:id/reviews', () => {
    let target: TestTherapist;
    const ids: string[] = [];

    beforeAll(async () => {
      target = await therapistWithProfile(t);
      for (let i = 0; i < 5; i++) {
        const client = await confirmedClient(t, { name: `Client${i} Lastname${i}` });
        ids.push((await postReview(t, client, target.profileId, { body: reviewBody(i) })).body.id);
      }
    });

    it('should page newest first with a cursor, without repeats or gaps', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get(`/api/v1/therapists/${target.profileId}/reviews`)
          .query(cursor ? { limit: 2, cursor } : { limit: 2 })
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
    });

    it('should show the author as first name and last initial only, never an email', async () => {
      const res = await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).expect(200);
      expect(res.body.items.map((r: { authorName: string }) => r.authorName)).toContain('Client0 L.');
      expect(JSON.stringify(res.body)).not.toMatch(/@example\.test|authorId|email/);
    });

    it('should reject a bad limit or a tampered cursor with 400', async () => {
      await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).query({ limit: 0 }).expect(400);
      await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).query({ limit: 101 }).expect(400);
      const forged = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
      const res = await t.http
        .get(`/api/v1/therapists/${target.profileId}/reviews`)
        .query({ cursor: forged })
        .expect(400);
      expect(res.body.errors[0].field).toBe('cursor');
    });

    it('should answer 404 for an unpublished therapist', async () => {
      await t.db.query('UPDATE therapist_profile SET published = false WHERE id = $1', [target.profileId]);
      await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).expect(404);
      await t.db.query('UPDATE therapist_profile SET published = true WHERE id = $1', [target.profileId]);
    });
  });

  describe('rating aggregates', () => {
    it('should keep therapist_rating equal to the published reviews through inserts, updates and deletes', async () => {
      const target = await therapistWithProfile(t);
      const clients: TestUser[] = await Promise.all([1, 2, 3].map(() => establishedClient(t)));
      const posted = [];
      for (const [i, client] of clients.entries()) {
        posted.push((await postReview(t, client, target.profileId, { rating: i + 3 })).body.id);
      }
      let { rating, truth } = await ratingAndTruth(t, target.profileId);
      expect(rating).toEqual({ count: 3, sum: 12, stars: [0, 0, 1, 1, 1] });
      expect(rating).toEqual(truth);
      await t.db.query(`UPDATE review SET status = 'pending' WHERE id = $1`, [posted[0]]);
      await t.db.query('DELETE FROM review WHERE id = $1', [posted[1]]);
      ({ rating, truth } = await ratingAndTruth(t, target.profileId));
      expect(rating).toEqual({ count: 1, sum: 5, stars: [0, 0, 0, 0, 1] });
      expect(rating).toEqual(truth);
    });

    it('should stay consistent through multi-row statements spanning several therapists', async () => {
      const [a, b] = await Promise.all([therapistWithProfile(t), therapistWithProfile(t)]);
      const authors = await Promise.all([1, 2, 3, 4].map(() => establishedClient(t)));
      await t.db.query(
        `INSERT INTO review (therapist_id, author_id, rating, body, status)
         SELECT CASE WHEN n % 2 = 0 THEN $1::uuid ELSE $2::uuid END, author, n + 1, 'Bulk-loaded review text', 'published'
           FROM unnest($3::uuid[]) WITH ORDINALITY AS x(author, n)`,
        [a.profileId, b.profileId, authors.map((u) => u.id)],
      );
      for (const id of [a.profileId, b.profileId]) {
        const { rating, truth } = await ratingAndTruth(t, id);
        expect(rating.count).toBe(2);
        expect(rating).toEqual(truth);
      }
      await t.db.query(`UPDATE review SET rating = 1 WHERE therapist_id IN ($1, $2)`, [a.profileId, b.profileId]);
      await t.db.query(`UPDATE review SET status = 'removed' WHERE therapist_id = $1 AND rating = 1`, [a.profileId]);
      expect((await ratingAndTruth(t, a.profileId)).rating).toEqual({ count: 0, sum: 0, stars: [0, 0, 0, 0, 0] });
      const { rating, truth } = await ratingAndTruth(t, b.profileId);
      expect(rating).toEqual({ count: 2, sum: 2, stars: [2, 0, 0, 0, 0] });
      expect(rating).toEqual(truth);
    });
  });
  it('should document the review routes, the health-information 422 and the moderation queue addition in OpenAPI', async () => {
    const { body } = await t.http.get('/docs/openapi.json').expect(200);
    const reply = body.paths['/api/v1/reviews/{id}/response'].post;
    expect(reply.responses['422'].description).toMatch(/health-information/);
    expect(reply.description).toMatch(/your diagnosis/);
    expect(body.paths['/api/v1/reviews/moderation-queue'].get.summary).toMatch(/addition/);
    expect(body.paths['/api/v1/therapists/{id}/reviews'].post.responses['409']).toBeDefined();
    expect(body.paths['/api/v1/therapists/me/review-invitations'].post).toBeDefined();
    expect(body.paths['/api/v1/partners/{id}/key'].post.description).toMatch(/new key|Replaces/);
  });
});
