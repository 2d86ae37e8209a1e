import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { registerUser } from './support/users';
import { invitationCode, postReview, therapistWithProfile, TestTherapist } from './support/reviews';

describe('reviews: invitation codes', () => {
  let t: TestApp;
  let therapist: TestTherapist;

  beforeAll(async () => {
    t = await createTestApp();
    therapist = await therapistWithProfile(t);
  });
  afterAll(() => t.close());

  it('should issue a long random code that expires in 30 days and is stored only as a hash', async () => {
    const res = await t.http.post('/api/v1/therapists/me/review-invitations').set(therapist.auth).expect(201);
    expect(res.body.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const days = (new Date(res.body.expiresAt as string).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const rows = await t.db.query<{ code_hash: string }[]>(
      'SELECT code_hash FROM review_invitation WHERE therapist_id = $1',
      [therapist.profileId],
    );
    expect(rows.map((r) => r.code_hash)).not.toContain(res.body.code);
    expect(JSON.stringify(rows)).not.toContain((res.body.code as string).replace(/-/g, ''));
    const second = await t.http.post('/api/v1/therapists/me/review-invitations').set(therapist.auth).expect(201);
    expect(second.body.code).not.toBe(res.body.code);
  });

  it('should refuse invitations to clients (403), anonymous callers (401) and therapists without a profile (404)', async () => {
    const client = await registerUser(t, Role.Client);
    await t.http.post('/api/v1/therapists/me/review-invitations').set(client.auth).expect(403);
    await t.http.post('/api/v1/therapists/me/review-invitations').expect(401);
    const noProfile = await registerUser(t, Role.Therapist);
    await t.http.post('/api/v1/therapists/me/review-invitations').set(noProfile.auth).expect(404);
  });

  it('should publish a review with a valid code as verifiedClient even from a brand-new account, and spend the code', async () => {
    const code = await invitationCode(t, therapist);
    const client = await registerUser(t, Role.Client);
    const res = await postReview(t, client, therapist.profileId, {
      invitationCode: code.toLowerCase().replace(/-/g, ' '),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ verifiedClient: true, status: 'published' });
    const [row] = await t.db.query<{ used_at: Date | null }[]>(
      'SELECT i.used_at FROM review r JOIN review_invitation i ON i.id = r.invitation_id WHERE r.id = $1',
      [res.body.id],
    );
    expect(row.used_at).not.toBeNull();
  });

  it('should refuse a used code with 422 and post nothing', async () => {
    const code = await invitationCode(t, therapist);
    expect(
      (await postReview(t, await registerUser(t, Role.Client), therapist.profileId, { invitationCode: code })).status,
    ).toBe(201);
    const client = await registerUser(t, Role.Client);
    const res = await postReview(t, client, therapist.profileId, { invitationCode: code });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/already been used/);
    expect(res.body.errors[0].field).toBe('invitationCode');
    expect(await t.db.query('SELECT 1 FROM review WHERE author_id = $1', [client.id])).toHaveLength(0);
  });

  it('should refuse an expired code with 422', async () => {
    const code = await invitationCode(t, therapist);
    await t.db.query(
      `UPDATE review_invitation SET expires_at = now() - interval '1 second' WHERE used_at IS NULL AND therapist_id = $1`,
      [therapist.profileId],
    );
    const res = await postReview(t, await registerUser(t, Role.Client), therapist.profileId, { invitationCode: code });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/expired/);
  });

  it("should refuse another therapist's code with 422 and leave that code unused", async () => {
    const other = await therapistWithProfile(t);
    const code = await invitationCode(t, other);
    const res = await postReview(t, await registerUser(t, Role.Client), therapist.profileId, { invitationCode: code });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/another therapist/);
    const unused = await t.db.query('SELECT 1 FROM review_invitation WHERE therapist_id = $1 AND used_at IS NULL', [
      other.profileId,
    ]);
    expect(unused).toHaveLength(1);
  });

  it('should refuse an unknown code with 422', async () => {
    const res = await postReview(t, await registerUser(t, Role.Client), therapist.profileId, {
      invitationCode: 'AAAA-BBBB-CCCC-DDDD',
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/not valid/);
  });

  it('should not spend the code when the review itself is refused as a duplicate', async () => {
    const client = await registerUser(t, Role.Client);
    const first = await invitationCode(t, therapist);
    expect((await postReview(t, client, therapist.profileId, { invitationCode: first })).status).toBe(201);
    const code = await invitationCode(t, therapist);
    expect((await postReview(t, client, therapist.profileId, { invitationCode: code })).status).toBe(409);
    expect(
      (await postReview(t, await registerUser(t, Role.Client), therapist.profileId, { invitationCode: code })).status,
    ).toBe(201);
  });

  it('should let only one of many concurrent reviews spend the same code', async () => {
    const code = await invitationCode(t, therapist);
    const clients = await Promise.all(Array.from({ length: 8 }, () => registerUser(t, Role.Client)));
    const results = await Promise.all(
      clients.map((c) => postReview(t, c, therapist.profileId, { invitationCode: code })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 422)).toHaveLength(7);
  });
});
