import { Role } from '../../src/users/user.entity';
import { TestApp } from './app';
import { confirmEmail } from './mail';
import { insertProfile, ProfileOverrides } from './profiles';
import { createAdmin, registerUser, TestUser } from './users';

export interface TestTherapist extends TestUser {
  profileId: string;
}

export const REVIEW_BODY = 'Careful, skilled trigger point work; my neck feels much better after three sessions.';

/** A therapist account with a (published, unless overridden) profile. */
export async function therapistWithProfile(t: TestApp, overrides: ProfileOverrides = {}): Promise<TestTherapist> {
  const user = await registerUser(t, Role.Therapist);
  const { id } = await insertProfile(t, user.id, overrides);
  return { ...user, profileId: id };
}

/** A client who confirmed their e-mail through the mailed link (a new account, so the new-account hold applies). */
export async function confirmedClient(t: TestApp, overrides: { name?: string } = {}): Promise<TestUser> {
  const client = await registerUser(t, Role.Client, overrides);
  await confirmEmail(t, client);
  return client;
}

/** A client whose account is older than any new-account hold, with the e-mail confirmed through the mailed link. */
export async function establishedClient(t: TestApp, name?: string): Promise<TestUser> {
  const client = await registerUser(t, Role.Client, { name });
  await t.db.query(`UPDATE app_user SET created_at = now() - interval '365 days' WHERE id = $1`, [client.id]);
  await confirmEmail(t, client);
  return client;
}

export async function platformAdmin(t: TestApp): Promise<TestUser> {
  return createAdmin(t, Role.PlatformAdmin);
}

export function reviewBody(i: number | string = ''): string {
  return `${REVIEW_BODY} Visit note ${i}.`;
}

/** A posted review, or the problem that refused it. */
export interface PostResult {
  status: number;
  body: {
    id: string;
    status: string;
    detail?: string;
    errors: { field: string; message: string }[];
    [field: string]: unknown;
  };
}

export async function postReview(
  t: TestApp,
  client: TestUser,
  therapistId: string,
  body: Record<string, unknown> = {},
): Promise<PostResult> {
  const res = await t.http
    .post(`/api/v1/therapists/${therapistId}/reviews`)
    .set(client.auth)
    .send({ rating: 5, body: reviewBody(Math.random()), ...body });
  return { status: res.status, body: res.body as PostResult['body'] };
}

export async function invitationCode(t: TestApp, therapist: TestUser): Promise<string> {
  const res = await t.http.post('/api/v1/therapists/me/review-invitations').set(therapist.auth).expect(201);
  return (res.body as { code: string }).code;
}

export async function moderate(
  t: TestApp,
  admin: TestUser,
  reviewId: string,
  decision: 'publish' | 'remove',
): Promise<void> {
  await t.http
    .post(`/api/v1/reviews/${reviewId}/moderation`)
    .set(admin.auth)
    .send({ decision, reason: `${decision} in test` })
    .expect(200);
}

export interface RatingRow {
  count: number;
  sum: number;
  stars: number[];
}

/** The maintained aggregate next to the same figures computed from the published reviews. */
export async function ratingAndTruth(
  t: TestApp,
  therapistId: string,
): Promise<{ rating: RatingRow; truth: RatingRow }> {
  const [rating] = await t.db.query<RatingRow[]>(
    'SELECT count, sum, stars FROM therapist_rating WHERE therapist_id = $1',
    [therapistId],
  );
  const [truth] = await t.db.query<RatingRow[]>(
    `SELECT count(*)::int AS count, coalesce(sum(rating), 0)::int AS sum,
            ARRAY(SELECT count(r.id)::int FROM generate_series(1, 5) s
                  LEFT JOIN review r ON r.rating = s AND r.therapist_id = $1 AND r.status = 'published' GROUP BY s ORDER BY s) AS stars
       FROM review WHERE therapist_id = $1 AND status = 'published'`,
    [therapistId],
  );
  return { rating: rating ?? { count: 0, sum: 0, stars: [0, 0, 0, 0, 0] }, truth };
}

/** An association admin (bound to a fresh association), to check routes they may not use. */
export async function associationAdmin(t: TestApp): Promise<TestUser> {
  const slug = `assoc-${Math.random().toString(36).slice(2, 10)}`;
  const [row] = await t.db.query<{ id: string }[]>(
    'INSERT INTO association (slug, name) VALUES ($1, $2) RETURNING id',
    [slug, 'Test Association'],
  );
  return createAdmin(t, Role.AssociationAdmin, row.id);
}
