import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { analyzeLoadedTables, seedDirectory } from '../src/seed/generator';
import { SEED_EMAIL_DOMAIN } from '../src/seed/seed-context';

export const BENCH_DATABASE = 'nmt_bench';

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, options: '-c timezone=UTC' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function seededCount(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const exists = await c.query<{ ok: boolean }>(`SELECT to_regclass('public.therapist_search') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) {
      return 0;
    }
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM therapist_profile p JOIN app_user u ON u.id = p.user_id WHERE u.email LIKE $1`,
      [`%@${SEED_EMAIL_DOMAIN}`],
    );
    return Number(rows[0].n);
  });
}

/** Seeds (or reuses) the benchmark directory in its own database; returns its URL and whether it was reused. */
export async function ensureDataset(
  serverUrl: string,
  therapists: number,
  log: (line: string) => void,
): Promise<{ url: string; reused: boolean }> {
  const url = databaseUrlFor(serverUrl, BENCH_DATABASE);
  const present = await withClient(
    serverUrl,
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE])).rowCount,
  );
  if (present && (await seededCount(url)) === therapists) {
    log(`reusing ${therapists.toLocaleString('en-US')} seeded therapists in ${BENCH_DATABASE}`);
    const applied = await runMigrations(url);
    if (applied.length) {
      log(`applied ${applied.join(', ')}`);
    }
    await prepare(url, log);
    return { url, reused: true };
  }
  await withClient(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
  log(`seeding ${therapists.toLocaleString('en-US')} therapists into ${BENCH_DATABASE} (one-off, several minutes)...`);
  let shown = 0;
  const result = await seedDirectory(url, {
    therapists,
    onProgress: (done, total) => {
      if (done - shown >= total / 10 || done === total) {
        shown = done;
        log(`  ${Math.round((done / total) * 100)}% loaded`);
      }
    },
    onStep: (step) => log(`  ${step}...`),
  });
  log(`seeded in ${Math.round(result.ms / 1000)} s (load ${Math.round(result.loadMs / 1000)} s)`);
  await prepare(url, log);
  return { url, reused: false };
}

/** Search rows complete, statistics fresh, visibility map set (the count is index-only), nothing left to flush. */
async function prepare(url: string, log: (line: string) => void): Promise<void> {
  await withClient(url, async (c) => {
    const { rows } = await c.query<{ missing: boolean }>(
      'SELECT (SELECT count(*) FROM therapist_profile) <> (SELECT count(*) FROM therapist_search) AS missing',
    );
    if (rows[0].missing) {
      log('analyzing, then rebuilding the search tables...');
      await analyzeLoadedTables(c);
      await c.query('SELECT refresh_therapist_search()');
    }
    await c.query('VACUUM ANALYZE therapist_search, therapist_search_condition');
    // A fresh seed leaves gigabytes to write out; flush them now rather than during the measured runs.
    await c.query('CHECKPOINT').catch((error: Error) => log(`no CHECKPOINT (${error.message}); measuring anyway`));
  });
}
