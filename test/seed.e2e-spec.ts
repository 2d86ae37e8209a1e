import { COMMON_CONDITIONS } from '../src/seed/cities';
import { seedDemo } from '../src/seed/demo';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts';
import { SEED_PASSWORD, seedDirectory } from '../src/seed/generator';
import { createTestApp, TestApp } from './support/app';

describe('demo data generator', () => {
  let t: TestApp;
  let url: string;
  const fingerprint = async (): Promise<string> =>
    (
      await t.db.query<{ md5: string }[]>(
        `SELECT md5(string_agg(concat_ws('|', p.id, p.display_name, p.lat, p.lng, p.languages, p.session_lengths, p.price_min,
           (SELECT string_agg(condition_slug, ',' ORDER BY condition_slug) FROM therapist_condition WHERE therapist_id = p.id)), ';' ORDER BY p.id))
         FROM therapist_profile p JOIN app_user u ON u.id = p.user_id WHERE u.email LIKE '%@seed.nmt-directory.test'`,
      )
    )[0].md5;

  beforeAll(async () => {
    t = await createTestApp();
    url = t.env.DATABASE_URL!;
    const progress: number[] = [];
    const result = await seedDirectory(url, {
      therapists: 400,
      seed: 7,
      chunkSize: 150,
      onProgress: (done) => progress.push(done),
    });
    expect(result.inserted).toBe(400);
    expect(progress).toEqual([0, 150, 300, 400]);
  });
  afterAll(() => t.close());

  it('should create therapists with accounts and profiles', async () => {
    const [row] = await t.db.query<{ users: number; profiles: number }[]>(
      `SELECT (SELECT count(*)::int FROM app_user WHERE role = 'therapist' AND email LIKE '%@seed.nmt-directory.test') AS users,
              (SELECT count(*)::int FROM therapist_profile) AS profiles`,
    );
    expect(row).toEqual({ users: 400, profiles: 400 });
  });

  it('should place every therapist exactly at a real ZIP centroid of at least 12 cities', async () => {
    const [row] = await t.db.query<{ invented: number; cities: number }[]>(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM postal_code z WHERE z.country = p.country AND z.code = p.postal_code
                AND z.lat = p.lat AND z.lng = p.lng AND z.city = p.city AND z.region = p.region))::int AS invented,
              count(DISTINCT (p.city, p.region))::int AS cities
       FROM therapist_profile p`,
    );
    expect(row.invented).toBe(0);
    expect(row.cities).toBeGreaterThanOrEqual(12);
  });

  it('should give therapists who share a postal-code centroid ids that set them apart in the search, as real ids do', async () => {
    // The search orders therapists at one place by their ids' leading bits: ids made in sequence would tie them all.
    const [row] = await t.db.query<{ sharing: number; distances: number }[]>(
      `WITH place AS (SELECT lat, lng FROM therapist_search GROUP BY lat, lng ORDER BY count(*) DESC LIMIT 1)
       SELECT count(*)::int AS sharing,
              count(DISTINCT s.point <-> search_point(place.lat + 0.09, place.lng, '00000000-0000-4000-8000-000000000000'))::int AS distances
       FROM therapist_search s JOIN place ON s.lat = place.lat AND s.lng = place.lng`,
    );
    expect(row.sharing).toBeGreaterThan(2);
    expect(row.distances).toBe(row.sharing);
  });

  it('should vary conditions (common ones often, others rarely), specialties, languages and session lengths within the profile rules', async () => {
    const [row] = await t.db.query<Record<string, number>[]>(
      `SELECT max(n)::int AS max_conditions, min(n)::int AS min_conditions,
              (SELECT count(DISTINCT specialty_slug)::int FROM therapist_specialty) AS specialties,
              (SELECT count(DISTINCT l)::int FROM therapist_profile, unnest(languages) l) AS languages,
              (SELECT count(*)::int FROM therapist_profile WHERE cardinality(session_lengths) NOT BETWEEN 1 AND 6
                 OR EXISTS (SELECT 1 FROM unnest(session_lengths) s WHERE s NOT BETWEEN 15 AND 240)) AS bad_sessions,
              (SELECT count(*)::int FROM therapist_profile WHERE NOT accepting_new_clients) AS not_accepting
       FROM (SELECT p.id, count(tc.condition_slug) AS n FROM therapist_profile p
             LEFT JOIN therapist_condition tc ON tc.therapist_id = p.id GROUP BY p.id) x`,
    );
    expect(row.max_conditions).toBeLessThanOrEqual(COMMON_CONDITIONS.length + 3);
    expect(row.min_conditions).toBeLessThanOrEqual(2);
    const [share] = await t.db.query<{ common: number }[]>(
      `SELECT avg((condition_slug = ANY($1))::int)::float AS common FROM therapist_condition`,
      [COMMON_CONDITIONS],
    );
    expect(share.common).toBeGreaterThan(0.6);
    expect(row.specialties).toBeGreaterThan(8);
    expect(row.languages).toBeGreaterThan(3);
    expect(row.bad_sessions).toBe(0);
    expect(row.not_accepting).toBeGreaterThan(0);
  });

  it('should give about 70% of therapists a verified certification backed by an active roster record', async () => {
    const [row] = await t.db.query<{ share: number; statuses: string[] }[]>(
      `SELECT avg((EXISTS (SELECT 1 FROM certification c WHERE c.therapist_id = p.id AND c.status = 'verified'))::int)::float AS share,
              (SELECT array_agg(DISTINCT status ORDER BY status) FROM certification) AS statuses
       FROM therapist_profile p`,
    );
    expect(row.share).toBeGreaterThan(0.6);
    expect(row.share).toBeLessThan(0.8);
    expect(row.statuses).toEqual(['expired', 'needs_review', 'unmatched', 'verified']);
    const [bad] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM certification c JOIN roster_record r ON r.id = c.roster_record_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE c.status = 'verified' AND (r.status <> 'active' OR r.expires_on < current_date OR r.last_name <> p.last_name
         OR r.first_name <> p.first_name OR r.credential_number_norm <> c.credential_number_norm)`,
    );
    expect(bad.n).toBe(0);
  });

  it('should audit every seeded certification once, as system:seed', async () => {
    const [row] = await t.db.query<{ certs: number; audited: number; actors: string[] }[]>(
      `SELECT (SELECT count(*)::int FROM certification) AS certs,
              (SELECT count(DISTINCT certification_id)::int FROM certification_audit) AS audited,
              (SELECT array_agg(DISTINCT actor) FROM certification_audit) AS actors`,
    );
    expect(row.audited).toBe(row.certs);
    expect(row.actors).toEqual(['system:seed']);
  });

  it('should write consistent ratings', async () => {
    const [row] = await t.db.query<{ n: number; bad: number }[]>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE count <> stars[1] + stars[2] + stars[3] + stars[4] + stars[5]
         OR sum <> stars[1] + 2 * stars[2] + 3 * stars[3] + 4 * stars[4] + 5 * stars[5] OR count < 1)::int AS bad
       FROM therapist_rating`,
    );
    expect(row.n).toBeGreaterThan(100);
    expect(row.bad).toBe(0);
  });

  it('should back every seeded rating with published reviews by distinct existing clients', async () => {
    const [row] = await t.db.query<{ mismatched: number; orphans: number; reviews: number }[]>(
      `SELECT (SELECT count(*)::int FROM therapist_rating r
               LEFT JOIN (SELECT therapist_id, count(*)::int AS n, sum(rating)::int AS total FROM review
                          WHERE status = 'published' GROUP BY therapist_id) v ON v.therapist_id = r.therapist_id
               WHERE v.n IS DISTINCT FROM r.count OR v.total IS DISTINCT FROM r.sum) AS mismatched,
              (SELECT count(*)::int FROM review v LEFT JOIN app_user u ON u.id = v.author_id
               WHERE u.id IS NULL OR u.role <> 'client') AS orphans,
              (SELECT count(*)::int FROM review) AS reviews`,
    );
    expect(row.reviews).toBeGreaterThan(100);
    expect(row.mismatched).toBe(0);
    expect(row.orphans).toBe(0);
  });

  it('should serve seeded therapists through the API and let them sign in', async () => {
    const [p] = await t.db.query<{ id: string; email: string }[]>(
      `SELECT p.id, u.email FROM therapist_profile p JOIN app_user u ON u.id = p.user_id
       WHERE p.published AND EXISTS (SELECT 1 FROM certification c WHERE c.therapist_id = p.id AND c.status = 'verified') LIMIT 1`,
    );
    const res = await t.http.get(`/api/v1/therapists/${p.id}`).expect(200);
    expect(res.body.verified).toBe(true);
    await t.http.post('/api/v1/auth/login').send({ email: p.email, password: SEED_PASSWORD }).expect(200);
  });

  it('should rebuild the search tables when the search function exists', async () => {
    const [fn] = await t.db.query<{ fn: string | null }[]>(`SELECT to_regproc('refresh_therapist_search')::text AS fn`);
    if (fn.fn) {
      const [row] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM therapist_search');
      expect(row.n).toBe(400);
    }
  });

  it('should be deterministic: a reset and the same seed give the same directory', async () => {
    const before = await fingerprint();
    const result = await seedDirectory(url, { therapists: 400, seed: 7, reset: true });
    expect(result.removed).toBe(400);
    await expect(fingerprint()).resolves.toBe(before);
  });

  it('should continue numbering on a second run so that nothing collides', async () => {
    await seedDirectory(url, { therapists: 50, seed: 7 });
    const [row] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM therapist_profile');
    expect(row.n).toBe(450);
  });

  it('should add demo accounts and data only to an empty directory', async () => {
    const fresh = await createTestApp();
    try {
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await seedDemo(fresh.env.DATABASE_URL!, 30);
      await seedDemo(fresh.env.DATABASE_URL!, 30);
      log.mockRestore();
      const [row] = await fresh.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM therapist_profile');
      expect(row.n).toBe(31);
      for (const account of DEMO_ACCOUNTS) {
        const res = await fresh.http
          .post('/api/v1/auth/login')
          .send({ email: account.email, password: SEED_PASSWORD })
          .expect(200);
        expect(res.body.user.role).toBe(account.role);
      }
      const [demo] = await fresh.db.query<{ id: string }[]>(
        `SELECT p.id FROM therapist_profile p JOIN app_user u ON u.id = p.user_id WHERE u.email = 'therapist@demo.nmt-directory.test'`,
      );
      const res = await fresh.http.get(`/api/v1/therapists/${demo.id}`).expect(200);
      expect(res.body).toMatchObject({ verified: true, practice: { city: 'Austin', postalCode: '78701' } });
    } finally {
      await fresh.close();
    }
  });
});
