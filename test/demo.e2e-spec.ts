import { Client } from 'pg';
import { COMMON_CONDITIONS, SEED_CITIES } from '../src/seed/cities';
import { DEMO_SEED_CLIENT, seedDemo } from '../src/seed/demo';
import { createTestApp, TestApp } from './support/app';

const DEMO_THERAPISTS = 3000; // the default of DEMO_THERAPISTS

describe('the demo directory a first start seeds', () => {
  let t: TestApp;
  let log: jest.SpyInstance;
  beforeAll(async () => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    t = await createTestApp();
  });
  afterAll(async () => {
    log.mockRestore();
    await t.close();
  });

  const counts = async () =>
    (
      await t.db.query<{ users: number; profiles: number; search: number }[]>(
        `SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM therapist_profile) AS profiles,
                (SELECT count(*)::int FROM therapist_search) AS search`,
      )
    )[0];

  /**
   * Kills the seeding connection after it has loaded every row but before it commits, as a Ctrl-C (or a crash) in the
   * middle of a first start would: the search rebuild, its last step, waits on a lock this test holds.
   */
  async function interruptBeforeCommit(seed: () => Promise<void>): Promise<void> {
    const blocker = new Client({ connectionString: t.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE therapist_search IN ACCESS EXCLUSIVE MODE');
      const seeding = seed().then(
        () => 'completed',
        (error: Error) => error.message,
      );
      // Polled outside the blocker's transaction, which would keep reading one snapshot of pg_stat_activity.
      for (let killed = 0; killed === 0; await new Promise((r) => setTimeout(r, 50))) {
        const [row] = await t.db.query<{ n: number }[]>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'`,
          [DEMO_SEED_CLIENT],
        );
        killed = row.n;
      }
      await expect(seeding).resolves.toMatch(/terminating connection/);
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }
  }

  it('should leave nothing behind when a first start is interrupted, and seed in full on the next', async () => {
    await interruptBeforeCommit(() => seedDemo(t.env.DATABASE_URL!, DEMO_THERAPISTS));
    expect(await counts()).toEqual({ users: 0, profiles: 0, search: 0 });
    await seedDemo(t.env.DATABASE_URL!, DEMO_THERAPISTS);
    const after = await counts();
    expect(after.profiles).toBe(DEMO_THERAPISTS + 1);
    expect(after.search).toBe(DEMO_THERAPISTS + 1);
  });

  it('should let two instances starting together seed exactly once', async () => {
    const before = await counts();
    await Promise.all([seedDemo(t.env.DATABASE_URL!, DEMO_THERAPISTS), seedDemo(t.env.DATABASE_URL!, DEMO_THERAPISTS)]);
    expect(await counts()).toEqual(before);
  });

  it.each(SEED_CITIES.map((c) => [`${c.city}, ${c.region}`, c.city, c.region]))(
    'should show a full first page (10+ verified therapists within 25 km) near %s for every common condition',
    async (_metro, city, region) => {
      for (const condition of COMMON_CONDITIONS) {
        const res = await t.http
          .get('/api/v1/search/therapists')
          .query({ city, region, condition, radiusKm: 25, limit: 10 })
          .expect(200);
        expect({ condition, found: res.body.items.length }).toEqual({ condition, found: 10 });
        expect(res.body.items.every((i: { verified: boolean }) => i.verified)).toBe(true);
      }
    },
  );
});
