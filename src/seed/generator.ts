import { Client } from 'pg';
import { hashPassword } from '../auth/passwords';
import { runMigrations } from '../database/migrate';
import { BatchSource } from './batch-source';
import { TableName } from './batch';
import { copyTables, TABLE_GROUPS } from './copy';
import { resetSeededData } from './reset';
import { DERIVE_RATINGS_SQL } from './review-rows';
import { loadContext, SEED_EMAIL_DOMAIN, SeedContext } from './seed-context';

/** Every seeded account signs in with this password (one argon2id hash, computed once per run). */
export const SEED_PASSWORD = 'nmt-demo-password';

export interface SeedOptions {
  therapists: number;
  seed?: number;
  /** Remove previously seeded accounts (and everything hanging off them) first. */
  reset?: boolean;
  chunkSize?: number;
  /** Rebuild the search tables afterwards when `refresh_therapist_search()` exists (default true). */
  refreshSearch?: boolean;
  /** As many therapists in every seed city (the demo), instead of in proportion to metro population. */
  evenCities?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Told when the steps after the rows begin, which report no progress of their own (minutes at 1M therapists). */
  onStep?: (step: 'analyzing' | 'rebuilding the search tables') => void;
}

export interface SeedResult {
  inserted: number;
  removed: number;
  searchRefreshed: boolean;
  ms: number;
  /** Time spent generating and loading the rows (the rest is the search rebuild and ANALYZE). */
  loadMs: number;
}

const LOADED_TABLES = [
  'app_user',
  'therapist_profile',
  'therapist_condition',
  'therapist_specialty',
  'roster_record',
  'certification',
  'certification_audit',
  'review',
  'therapist_rating',
];

/**
 * Generates a deterministic demo directory (same seed, same data) straight into PostgreSQL with COPY, triggers off
 * on the loading connection; derived data (the search tables) is rebuilt once at the end.
 */
export async function seedDirectory(url: string, opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  await runMigrations(url);
  const clients = TABLE_GROUPS.map(() => new Client({ connectionString: url, options: '-c timezone=UTC' }));
  try {
    for (const client of clients) {
      await client.connect();
      await client.query('SET session_replication_role = replica');
      await client.query('SET synchronous_commit = off');
    }
    const [main] = clients;
    const removed = opts.reset ? await resetSeededData(main) : 0;
    const seed = opts.seed ?? 42;
    const ctx = await loadContext(main, seed, await hashPassword(SEED_PASSWORD), opts.evenCities);
    await loadBatches(clients, TABLE_GROUPS, ctx, await nextIndex(main, seed), opts);
    await main.query(DERIVE_RATINGS_SQL);
    const loadMs = Date.now() - started;
    await main.query('SET session_replication_role = origin');
    opts.onStep?.('analyzing');
    await analyzeLoadedTables(main);
    let searchRefreshed = false;
    if (opts.refreshSearch !== false) {
      opts.onStep?.('rebuilding the search tables');
      searchRefreshed = await refreshSearch(main);
    }
    return { inserted: opts.therapists, removed, searchRefreshed, ms: Date.now() - started, loadMs };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/**
 * Seeds on the caller's connection, inside the caller's transaction: all of it lands or none of it (the demo, which an
 * interrupted first start must not leave half-made). One connection, so meant for small directories.
 */
export async function seedWithin(client: Client, opts: Omit<SeedOptions, 'reset'>): Promise<void> {
  await client.query('SET LOCAL session_replication_role = replica');
  const seed = opts.seed ?? 42;
  const ctx = await loadContext(client, seed, await hashPassword(SEED_PASSWORD), opts.evenCities);
  await loadBatches([client], [TABLE_GROUPS.flat()], ctx, await nextIndex(client, seed), opts, false);
  await client.query(DERIVE_RATINGS_SQL);
  await client.query('SET LOCAL session_replication_role = origin');
  if (opts.refreshSearch !== false) {
    await refreshSearch(client);
  }
}

async function loadBatches(
  clients: Client[],
  groups: TableName[][],
  ctx: SeedContext,
  first: number,
  opts: SeedOptions,
  ownTransactions = true,
): Promise<void> {
  const size = opts.chunkSize ?? 10_000;
  const source = new BatchSource();
  const request = (done: number) => ({ ctx, from: first + done, to: first + Math.min(opts.therapists, done + size) });
  try {
    opts.onProgress?.(0, opts.therapists);
    if (opts.therapists > 0) {
      source.prefetch(request(0));
    }
    for (let done = 0; done < opts.therapists; done += size) {
      const batch = await source.take();
      if (done + size < opts.therapists) {
        source.prefetch(request(done + size));
      }
      await Promise.all(clients.map((client, i) => copyTables(client, batch, groups[i], ownTransactions)));
      opts.onProgress?.(Math.min(opts.therapists, done + size), opts.therapists);
    }
  } finally {
    await source.close();
  }
}

/** Seeded accounts are numbered; a later run continues after the last one so emails and ids never collide. */
async function nextIndex(client: Client, seed: number): Promise<number> {
  const { rows } = await client.query<{ last: string | null }>(
    `SELECT max(split_part(email::text, '.', 2))::bigint AS last FROM app_user WHERE email LIKE $1`,
    [`s${seed}.%@${SEED_EMAIL_DOMAIN}`],
  );
  return rows[0].last === null ? 0 : Number(rows[0].last) + 1;
}

/**
 * Statistics for the freshly loaded tables, before the search rebuild reads them. Without any (a server with
 * autovacuum off, or a load faster than its naptime) the planner probes every therapist's conditions and specialties
 * once per row of the taxonomy: reading 20,000 profiles' search rows took 19.2 s that way and 13.8 s with statistics.
 */
export async function analyzeLoadedTables(client: Client): Promise<void> {
  await client.query(`ANALYZE ${[...LOADED_TABLES, ...LOOKUP_TABLES].join(', ')}`);
}

/** Small tables the rebuild joins to, made by the migrations: never analysed either when autovacuum is off. */
const LOOKUP_TABLES = ['condition', 'specialty', 'association'];

async function refreshSearch(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ fn: string | null }>(
    `SELECT to_regproc('refresh_therapist_search')::text AS fn`,
  );
  if (!rows[0].fn) {
    return false;
  }
  await client.query('SELECT refresh_therapist_search()');
  return true;
}
