import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { insertAssociation, insertCertification, insertProfile } from './support/profiles';
import { confirmedClient, establishedClient, platformAdmin, postReview, therapistWithProfile } from './support/reviews';
import { createAdmin, registerUser } from './support/users';

/** Who may act on a resource is answered before what the body says: a bad body never confirms someone else's data. */
describe('access before the body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should answer 403 to an admin of another association deciding a certification, whatever the body', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const profile = await insertProfile(t, therapist.id);
    const x = await insertAssociation(t, 'access-x');
    const y = await insertAssociation(t, 'access-y');
    const certification = await insertCertification(t, profile.id, x, { status: 'needs_review' });
    const adminOfY = await createAdmin(t, Role.AssociationAdmin, y);
    const adminOfX = await createAdmin(t, Role.AssociationAdmin, x);
    const decide = (auth: { Authorization: string }, body: unknown) =>
      t.http
        .post(`/api/v1/certifications/${certification}/decision`)
        .set(auth)
        .send(body as object);
    await decide(adminOfY.auth, { decision: 'maybe' }).expect(403);
    await decide(adminOfY.auth, {}).expect(403);
    const own = await decide(adminOfX.auth, { decision: 'maybe' }).expect(400);
    expect(own.body.errors.map((e: { field: string }) => e.field)).toEqual(['decision', 'reason']);
  });

  it("should answer 403 to a therapist replying to another therapist's review, whatever the body", async () => {
    const reviewed = await therapistWithProfile(t);
    const other = await therapistWithProfile(t);
    const review = await postReview(t, await establishedClient(t), reviewed.profileId);
    expect(review.body.status).toBe('published');
    await t.http.post(`/api/v1/reviews/${review.body.id}/response`).set(other.auth).send({ body: 7 }).expect(403);
    await t.http.post(`/api/v1/reviews/${review.body.id}/response`).set(reviewed.auth).send({ body: 7 }).expect(400);
  });

  it("should answer 404 to a flag on someone else's pending review, whatever the body", async () => {
    const therapist = await therapistWithProfile(t);
    const pending = await postReview(t, await confirmedClient(t), therapist.profileId);
    expect(pending.body.status).toBe('pending');
    const stranger = await registerUser(t, Role.Client);
    await t.http.post(`/api/v1/reviews/${pending.body.id}/flag`).set(stranger.auth).send({ reason: 1 }).expect(404);
    const admin = await platformAdmin(t);
    await t.http.post(`/api/v1/reviews/${pending.body.id}/flag`).set(admin.auth).send({ reason: 1 }).expect(400);
  });

  it('should answer 404 to a review of an unpublished profile, whatever the body', async () => {
    const hidden = await therapistWithProfile(t, { published: false });
    const client = await establishedClient(t);
    await t.http
      .post(`/api/v1/therapists/${hidden.profileId}/reviews`)
      .set(client.auth)
      .send({ rating: 9 })
      .expect(404);
  });

  it('should refuse fields on the routes that take no body', async () => {
    const therapist = await therapistWithProfile(t);
    const invite = await t.http
      .post('/api/v1/therapists/me/review-invitations')
      .set(therapist.auth)
      .send({ expiresInDays: 365 })
      .expect(400);
    expect(invite.body.errors).toEqual([{ field: 'expiresInDays', message: 'expiresInDays is not a known field' }]);
    await t.http.post('/api/v1/therapists/me/review-invitations').set(therapist.auth).expect(201);
    await t.http.post('/api/v1/therapists/me/review-invitations').set(therapist.auth).send({}).expect(201);

    const admin = await platformAdmin(t);
    const partner = await t.http
      .post('/api/v1/partners')
      .set(admin.auth)
      .send({ name: 'Clinic', allowedOrigins: [] })
      .expect(201);
    const key = await t.http
      .post(`/api/v1/partners/${partner.body.id}/key`)
      .set(admin.auth)
      .send({ apiKey: 'chosen-by-me' })
      .expect(400);
    expect(key.body.errors).toEqual([{ field: 'apiKey', message: 'apiKey is not a known field' }]);
    await t.http.post(`/api/v1/partners/${partner.body.id}/key`).set(admin.auth).expect(201);
  });
});
