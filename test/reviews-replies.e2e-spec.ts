import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { registerUser, TestUser } from './support/users';
import { establishedClient, postReview, therapistWithProfile, TestTherapist } from './support/reviews';

describe('reviews: replies and flags', () => {
  let t: TestApp;
  let therapist: TestTherapist;

  beforeAll(async () => {
    t = await createTestApp();
    therapist = await therapistWithProfile(t);
  });
  afterAll(() => t.close());

  async function publishedReview(clientName?: string): Promise<{ id: string; client: TestUser }> {
    const client = await establishedClient(t, clientName);
    const res = await postReview(t, client, therapist.profileId);
    expect(res.body.status).toBe('published');
    return { id: res.body.id, client };
  }

  describe('POST /reviews/:id/response', () => {
    it('should publish one reply by the reviewed therapist and refuse a second with 409', async () => {
      const { id } = await publishedReview();
      const res = await t.http
        .post(`/api/v1/reviews/${id}/response`)
        .set(therapist.auth)
        .send({ body: '  Thank you, it was a pleasure!  ' })
        .expect(201);
      expect(res.body.response).toEqual({ body: 'Thank you, it was a pleasure!', createdAt: expect.any(String) });
      await t.http
        .post(`/api/v1/reviews/${id}/response`)
        .set(therapist.auth)
        .send({ body: 'Another reply' })
        .expect(409);
      const list = await t.http.get(`/api/v1/therapists/${therapist.profileId}/reviews`).expect(200);
      expect(list.body.items.find((r: { id: string }) => r.id === id).response.body).toBe(
        'Thank you, it was a pleasure!',
      );
    });

    it('should refuse a reply by another therapist (403), a client (403) and anonymous callers (401)', async () => {
      const { id, client } = await publishedReview();
      const other = await therapistWithProfile(t);
      await t.http.post(`/api/v1/reviews/${id}/response`).set(other.auth).send({ body: 'Thanks' }).expect(403);
      await t.http.post(`/api/v1/reviews/${id}/response`).set(client.auth).send({ body: 'Thanks' }).expect(403);
      await t.http.post(`/api/v1/reviews/${id}/response`).send({ body: 'Thanks' }).expect(401);
      await t.http
        .post('/api/v1/reviews/00000000-0000-4000-8000-000000000000/response')
        .set(therapist.auth)
        .send({ body: 'Thanks' })
        .expect(404);
    });

    it.each([
      ['the client first name', 'Thanks so much, Dolores!'],
      ['the client last name without its accent', 'Thank you Ms. Nunez for the kind words.'],
      ['"your diagnosis"', 'Glad we could help with your diagnosis.'],
      ['"your visit on"', 'I enjoyed your visit on Tuesday.'],
      ['"your treatment plan"', 'Keep following your treatment plan!'],
      ['a condition name', 'Your fibromyalgia will keep improving.'],
      ['a date', 'See you again after 03/14/2026.'],
    ])('should withhold a reply that mentions %s with a 422 warning', async (_label, body) => {
      const { id } = await publishedReview('Dolores Núñez');
      const res = await t.http.post(`/api/v1/reviews/${id}/response`).set(therapist.auth).send({ body }).expect(422);
      expect(res.body.detail).toMatch(/not published.*personal health information/);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(await t.db.query('SELECT 1 FROM review_response WHERE review_id = $1', [id])).toHaveLength(0);
    });
  });

  describe('POST /reviews/:id/flag', () => {
    it('should accept one flag per user per review and answer 409 to a repeat', async () => {
      const { id } = await publishedReview();
      const flagger = await registerUser(t, Role.Therapist);
      const res = await t.http
        .post(`/api/v1/reviews/${id}/flag`)
        .set(flagger.auth)
        .send({ reason: 'Looks like spam' })
        .expect(201);
      expect(res.body).toMatchObject({ reviewId: id, reason: 'Looks like spam' });
      await t.http.post(`/api/v1/reviews/${id}/flag`).set(flagger.auth).send({ reason: 'Again' }).expect(409);
      await t.http.post(`/api/v1/reviews/${id}/flag`).send({ reason: 'Anonymous' }).expect(401);
    });

    it('should validate the reason and hide reviews the caller cannot see', async () => {
      const { id } = await publishedReview();
      const flagger = await registerUser(t, Role.Client);
      await t.http.post(`/api/v1/reviews/${id}/flag`).set(flagger.auth).send({ reason: '   ' }).expect(400);
      await t.http
        .post(`/api/v1/reviews/${id}/flag`)
        .set(flagger.auth)
        .send({ reason: 'x'.repeat(1001) })
        .expect(400);
      const pending = await postReview(t, await registerUser(t, Role.Client), therapist.profileId);
      await t.http
        .post(`/api/v1/reviews/${pending.body.id}/flag`)
        .set(flagger.auth)
        .send({ reason: 'hidden' })
        .expect(404);
    });
  });
});
