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
}
