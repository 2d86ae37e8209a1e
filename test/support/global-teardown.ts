import { withAdmin } from './databases';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (adminUrl && template) {
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
  }
  await (globalThis as { embeddedTestDb?: { stop(): Promise<void> } }).embeddedTestDb?.stop();
}
