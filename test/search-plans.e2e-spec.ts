import { Client } from 'pg';
import { searchPoolConfig, SEARCH_APPLICATION_NAME } from '../src/database/database.options';
import { buildSearchQuery } from '../src/search/search-sql';
import { createTestApp, TestApp } from './support/app';
import { SEARCH_PATH, seedTherapist } from './support/search';

const NEW_YORK = { lat: 40.7128, lng: -74.006 };

describe('Search statements: one plan from the first execution on every search connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
    await seedTherapist(t, { displayName: 'Nia Plan', ...NEW_YORK, conditionSlugs: ['fibromyalgia'] });
  });

  afterAll(() => t.close());

  const searchConnections = async (): Promise<number> => {
    const [{ n }] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [SEARCH_APPLICATION_NAME],
    );
    return n;
  };

  it('should have opened and warmed every search connection at start-up, before any search', async () => {
    expect(await searchConnections()).toBe(Number(t.env.SEARCH_POOL_SIZE));
  });

  it('should search the densest place for every condition on every search connection before it is ready', async () => {
    // A condition of its own, with one therapist at the directory's densest place: only a warm-up search there reads
    // a row from its partition.
    await t.db.query(`INSERT INTO condition (slug, name, synonyms) VALUES ('warm-up-check', 'Warm-up check', '{}')`);
    const [dense] = await t.db.query<{ lat: number; lng: number }[]>(
      'SELECT lat, lng FROM therapist_search WHERE published GROUP BY lat, lng ORDER BY count(*) DESC LIMIT 1',
    );
    await seedTherapist(t, { displayName: 'Warm Up', ...dense, conditionSlugs: ['warm-up-check'] });
    const [{ id }] = await t.db.query<{ id: number }[]>(`SELECT id FROM condition WHERE slug = 'warm-up-check'`);
    const rowsRead = async (): Promise<number> => {
      const [row] = await t.db.query<{ n: string | null }[]>(
        'SELECT idx_tup_fetch AS n FROM pg_stat_user_tables WHERE relname = $1',
        [`therapist_search_condition_${id}`],
      );
      return Number(row?.n ?? 0);
    };
    const before = await rowsRead();

    const second = await createTestApp({ DATABASE_URL: t.env.DATABASE_URL, SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
    try {
      // Each connection's page read the therapist once; the statistics arrive within a second or so.
      const expected = before + Number(second.env.SEARCH_POOL_SIZE);
      for (const until = Date.now() + 10_000; (await rowsRead()) < expected && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await rowsRead()).toBeGreaterThanOrEqual(expected);
    } finally {
      await second.close();
    }
  });

  it('should run searches on the search connections, which use the generic plan of each statement at once', async () => {
    const res = await t.http
      .get(SEARCH_PATH)
      .query({ near: `${NEW_YORK.lat},${NEW_YORK.lng}`, condition: 'fibromyalgia' })
      .expect(200);
    expect(res.body.total).toBe(1);
    expect(await searchConnections()).toBe(Number(t.env.SEARCH_POOL_SIZE));

    const client = new Client(searchPoolConfig(t.env.DATABASE_URL!, { max: 1 }));
    await client.connect();
    try {
      const [{ id }] = await t.db.query<{ id: number }[]>(`SELECT id FROM condition WHERE slug = 'fibromyalgia'`);
      const criteria = {
        ...NEW_YORK,
        radiusKm: 25,
        conditionId: Number(id),
        verifiedOnly: true,
        sort: 'distance' as const,
        limit: 20,
      };
      const first = await client.query(buildSearchQuery(criteria, 22));
      expect(first.rows[0].total).toBe(1);
      const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements',
      );
      expect(rows.map((r) => [Number(r.generic_plans), Number(r.custom_plans)])).toEqual([[1, 0]]);
    } finally {
      await client.end();
    }
  });
});
