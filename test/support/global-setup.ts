import Redis from 'ioredis';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { buildWebAssets } from '../../src/web/build/build-assets';
import { databaseUrl, dropStaleDatabases, RUN_PREFIX, withAdmin } from './databases';

/**
 * A real PostgreSQL for the whole run: the one in DATABASE_URL, else an embedded server under .data/test-pg.
 * The migrations build a template database once; each test file clones it (CREATE DATABASE ... TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres('.data/test-pg', 54330, 'postgres');
    (globalThis as { embeddedTestDb?: typeof embedded }).embeddedTestDb = embedded;
    adminUrl = embedded.url;
  }
  const template = `${RUN_PREFIX}${process.pid}_template`;
  await withAdmin(adminUrl, async (client) => {
    await dropStaleDatabases(client);
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  await runMigrations(databaseUrl(adminUrl, template));
  // The pages serve the bundles `npm run build` makes; the suite builds them the same way.
  await buildWebAssets();
  process.env.TEST_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DB = template;
  process.env.TEST_RUN_ID = String(process.pid);
  await findRedis();
}

/** The tests of several instances need a Redis: REDIS_URL's, else a local one; without one they say they skipped. */
async function findRedis(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    process.env.TEST_REDIS_URL = url;
  } catch {
    console.warn(`\nNo Redis at ${url}: the tests of several instances are skipped.`);
  } finally {
    redis.disconnect();
  }
}
