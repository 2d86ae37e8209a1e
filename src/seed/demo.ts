import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { SEED_CITIES } from './cities';
import { createDemoAccounts, DEMO_ACCOUNTS } from './demo-accounts';
import { SEED_PASSWORD, seedWithin } from './generator';

/**
 * Start-up demo data: on an empty directory, a few demo accounts plus `therapists` generated therapists spread evenly
 * over the seed metros, in one transaction — an interrupted start leaves nothing behind and the next start seeds
 * again. Instances starting together take turns (advisory lock), so exactly one seeds. The demo accounts are printed
 * on every start so a newcomer can sign in.
 */
export const DEMO_SEED_CLIENT = 'nmt-demo-seed';

export async function seedDemo(url: string, therapists: number): Promise<void> {
  const client = new Client({ connectionString: url, options: '-c timezone=UTC', application_name: DEMO_SEED_CLIENT });
  client.on('error', () => undefined); // a lost connection also fails the query in progress, which reports it
  await client.connect();
  let present: string[];
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('nmt:demo-seed', 0))`);
    const { rows } = await client.query<{ empty: boolean }>(
      'SELECT NOT EXISTS (SELECT 1 FROM therapist_profile) AS empty',
    );
    if (rows[0].empty) {
      console.log(
        `Seeding a demo directory (${therapists} therapists across the ${SEED_CITIES.length} largest US metros)...`,
      );
      await createDemoAccounts(client, SEED_PASSWORD);
      const bar = new SingleBar(
        { format: 'Demo data {bar} {value}/{total} therapists', noTTYOutput: true, notTTYSchedule: 2000 },
        Presets.shades_classic,
      );
      await seedWithin(client, {
        therapists,
        evenCities: true,
        chunkSize: 500,
        onProgress: (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
      }).finally(() => bar.stop());
    }
    await client.query('COMMIT');
    const emails = DEMO_ACCOUNTS.map((a) => a.email);
    present = (
      await client.query<{ email: string }>('SELECT email FROM app_user WHERE email = ANY($1)', [emails])
    ).rows.map((r) => r.email);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  printAccounts(present);
}

function printAccounts(present: string[]): void {
  const accounts = DEMO_ACCOUNTS.filter((a) => present.includes(a.email));
  if (!accounts.length) {
    return;
  }
  console.log(`Demo accounts (password "${SEED_PASSWORD}"):`);
  for (const a of accounts) {
    console.log(`  ${a.email.padEnd(42)} ${a.role.padEnd(18)} ${a.what}`);
  }
  console.log(
    'Seeded therapists sign in as s42.<number>.<first>.<last>@seed.nmt-directory.test with the same password.',
  );
}
