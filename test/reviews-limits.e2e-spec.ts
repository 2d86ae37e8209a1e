import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { registerUser } from './support/users';
import { establishedClient, postReview, therapistWithProfile } from './support/reviews';

describe('reviews: rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMITS: 'on', POSTING_RATE_LIMIT: '1', AUTH_RATE_LIMIT: '100' });
  });
  afterAll(() => t.close());

  it('should limit posting reviews per user with 429 and Retry-After', async () => {
    const client = await registerUser(t, Role.Client);
    const [first, second] = await Promise.all([1, 2].map(() => therapistWithProfile(t)));
    expect((await postReview(t, client, first.profileId)).status).toBe(201);
    const res = await t.http.post(`/api/v1/therapists/${second.profileId}/reviews`).set(client.auth).send({});
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('should limit flagging per user', async () => {
    const target = await therapistWithProfile(t);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push((await postReview(t, await establishedClient(t), target.profileId)).body.id);
    }
    const flagger = await registerUser(t, Role.Therapist);
    await t.http.post(`/api/v1/reviews/${ids[0]}/flag`).set(flagger.auth).send({ reason: 'spam' }).expect(201);
    await t.http.post(`/api/v1/reviews/${ids[1]}/flag`).set(flagger.auth).send({ reason: 'spam' }).expect(429);
  });

  it('should limit posting per address across accounts', async () => {
    const target = await therapistWithProfile(t);
    const clients = [];
    for (let i = 0; i < 6; i++) {
      clients.push(await establishedClient(t));
    }
    const statuses: number[] = [];
    for (const client of clients) {
      statuses.push((await postReview(t, client, target.profileId)).status);
    }
    expect(statuses.slice(-1)).toEqual([429]);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(5);
  });
});
