import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { registerUser, TestUser } from './support/users';
import {
  associationAdmin,
  confirmedClient,
  establishedClient,
  moderate,
  platformAdmin,
  postReview,
  ratingAndTruth,
  therapistWithProfile,
  TestTherapist,
} from './support/reviews';

describe('reviews: moderation and holds', () => {
  let t: TestApp;
  let therapist: TestTherapist;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    therapist = await therapistWithProfile(t);
    admin = await platformAdmin(t);
  });
  afterAll(() => t.close());

  async function publishedReview(clientName?: string): Promise<{ id: string; client: TestUser }> {
    const client = await establishedClient(t, clientName);
    const res = await postReview(t, client, therapist.profileId);
    expect(res.body.status).toBe('published');
    return { id: res.body.id, client };
  }

  describe('moderation', () => {
    it('should refuse moderation to every role but platform_admin', async () => {
      const { id, client } = await publishedReview();
      for (const user of [client, therapist, await associationAdmin(t)]) {
        await t.http
          .post(`/api/v1/reviews/${id}/moderation`)
          .set(user.auth)
          .send({ decision: 'remove', reason: 'no' })
          .expect(403);
        await t.http.get('/api/v1/reviews/moderation-queue').set(user.auth).expect(403);
      }
      await t.http.post(`/api/v1/reviews/${id}/moderation`).send({ decision: 'remove', reason: 'no' }).expect(401);
      await t.http
        .post(`/api/v1/reviews/${id}/moderation`)
        .set(admin.auth)
        .send({ decision: 'hide', reason: 'no' })
        .expect(400);
      await t.http
        .post('/api/v1/reviews/00000000-0000-4000-8000-000000000000/moderation')
        .set(admin.auth)
        .send({ decision: 'remove', reason: 'x' })
        .expect(404);
    });

    it('should remove a review from lists and aggregates at once, restore it on publish, and audit both decisions', async () => {
      const { id } = await publishedReview();
      const before = await ratingAndTruth(t, therapist.profileId);
      const res = await t.http
        .post(`/api/v1/reviews/${id}/moderation`)
        .set(admin.auth)
        .send({ decision: 'remove', reason: 'Off-topic' })
        .expect(200);
      expect(res.body).toMatchObject({ id, status: 'removed' });
      const list = await t.http
        .get(`/api/v1/therapists/${therapist.profileId}/reviews`)
        .query({ limit: 100 })
        .expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
      const removed = await ratingAndTruth(t, therapist.profileId);
      expect(removed.rating).toEqual(removed.truth);
      expect(removed.rating.count).toBe(before.rating.count - 1);
      await moderate(t, admin, id, 'publish');
      const restored = await ratingAndTruth(t, therapist.profileId);
      expect(restored.rating).toEqual(before.rating);
      const audit = await t.db.query<{ decision: string; from_status: string; to_status: string; actor: string }[]>(
        'SELECT decision, from_status, to_status, actor FROM review_moderation WHERE review_id = $1 ORDER BY id',
        [id],
      );
      expect(audit).toEqual([
        { decision: 'remove', from_status: 'published', to_status: 'removed', actor: admin.id },
        { decision: 'publish', from_status: 'removed', to_status: 'published', actor: admin.id },
      ]);
      await expect(
        t.db.query('UPDATE review_moderation SET reason = $1 WHERE review_id = $2', ['edited', id]),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM review_moderation WHERE review_id = $1', [id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('should list pending and flagged reviews in the queue until a decision settles them', async () => {
      const pending = await postReview(t, await confirmedClient(t), therapist.profileId);
      const flagged = await publishedReview();
      await t.http.post(`/api/v1/reviews/${flagged.id}/flag`).set(therapist.auth).send({ reason: 'Fake' }).expect(201);
      const queue = await t.http
        .get('/api/v1/reviews/moderation-queue')
        .set(admin.auth)
        .query({ limit: 100 })
        .expect(200);
      const byId = new Map(queue.body.items.map((r: { id: string }) => [r.id, r]));
      expect(byId.get(pending.body.id)).toMatchObject({ status: 'pending', statusReason: 'new_account' });
      expect(byId.get(flagged.id)).toMatchObject({
        status: 'published',
        openFlags: [{ reason: 'Fake', createdAt: expect.any(String) }],
      });
      await moderate(t, admin, flagged.id, 'publish');
      await moderate(t, admin, pending.body.id, 'publish');
      const after = await t.http
        .get('/api/v1/reviews/moderation-queue')
        .set(admin.auth)
        .query({ limit: 100 })
        .expect(200);
      const ids = after.body.items.map((r: { id: string }) => r.id);
      expect(ids).not.toContain(flagged.id);
      expect(ids).not.toContain(pending.body.id);
    });

    it('should page the queue with a cursor', async () => {
      for (let i = 0; i < 3; i++) {
        await postReview(t, await registerUser(t, Role.Client), therapist.profileId);
      }
      const first = await t.http
        .get('/api/v1/reviews/moderation-queue')
        .set(admin.auth)
        .query({ limit: 2 })
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await t.http
        .get('/api/v1/reviews/moderation-queue')
        .set(admin.auth)
        .query({ limit: 2, cursor: first.body.nextCursor })
        .expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    });
  });

  describe('holds', () => {
    it('should hold a new account without a code as pending, visible only to its author and admins', async () => {
      const target = await therapistWithProfile(t);
      const client = await registerUser(t, Role.Client);
      const res = await postReview(t, client, target.profileId, { rating: 1 });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('pending');
      const anonymous = await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).expect(200);
      expect(anonymous.body.items).toHaveLength(0);
      const other = await registerUser(t, Role.Client);
      expect(
        (await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).set(other.auth).expect(200)).body.items,
      ).toHaveLength(0);
      const own = await t.http.get(`/api/v1/therapists/${target.profileId}/reviews`).set(client.auth).expect(200);
      expect(own.body.items).toMatchObject([{ id: res.body.id, status: 'pending' }]);
      expect((await ratingAndTruth(t, target.profileId)).rating.count).toBe(0);
      await moderate(t, admin, res.body.id, 'publish');
      expect((await ratingAndTruth(t, target.profileId)).rating).toEqual({ count: 1, sum: 1, stars: [1, 0, 0, 0, 0] });
    });

    it('should hold the same text once it is already on two other profiles', async () => {
      const text = 'Best massage ever!!! Visit my site for cheap deals on everything.';
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        const target = await therapistWithProfile(t);
        const variant = i % 2 ? text.toUpperCase() : `  ${text.replace(/ /g, '  ')}`;
        statuses.push(
          (await postReview(t, await establishedClient(t), target.profileId, { body: variant })).body.status,
        );
      }
      expect(statuses).toEqual(['published', 'published', 'pending', 'pending']);
    });
  });
});
