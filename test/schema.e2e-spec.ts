import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, RUN_PREFIX, withAdmin } from './support/databases';
import { describeSchema } from './support/schema-description';

/**
 * src/database/schema.sql is today's schema in one readable place; the migrations are its history. Built on the same
 * server, each must give exactly the other's schema: a migration without a regenerated schema.sql (`npm run
 * schema:dump`), or an edit to schema.sql, fails here.
 */
describe('the schema in src/database/schema.sql', () => {
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const fromSnapshot = `${RUN_PREFIX}${process.env.TEST_RUN_ID}_${process.pid}_snapshot`;

  beforeAll(async () => {
    await withAdmin(adminUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${fromSnapshot}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${fromSnapshot}" TEMPLATE template0`);
    });
    const client = new Client({ connectionString: databaseUrl(adminUrl, fromSnapshot) });
    await client.connect();
    try {
      await client.query(await readFile(join(__dirname, '../src/database/schema.sql'), 'utf8'));
    } finally {
      await client.end();
    }
  });
  afterAll(() => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${fromSnapshot}" WITH (FORCE)`)));

  it('should be exactly the schema the migrations build', async () => {
    const migrated = await describeSchema(databaseUrl(adminUrl, process.env.TEST_TEMPLATE_DB!));
    const snapshot = await describeSchema(databaseUrl(adminUrl, fromSnapshot));
    for (const kind of Object.keys(migrated)) {
      const missing = migrated[kind].filter((line) => !snapshot[kind].includes(line));
      const extra = snapshot[kind].filter((line) => !migrated[kind].includes(line));
      expect({ kind, inMigrationsOnly: missing, inSchemaSqlOnly: extra }).toEqual({
        kind,
        inMigrationsOnly: [],
        inSchemaSqlOnly: [],
      });
    }
    expect(migrated.function.length).toBeGreaterThan(20);
  });
});
