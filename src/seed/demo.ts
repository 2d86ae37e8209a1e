import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { createDemoAccounts, DEMO_ACCOUNTS } from './demo-accounts';
import { SEED_PASSWORD, seedDirectory } from './generator';

/**
 * Start-up demo data: on an empty directory, a few demo accounts plus `therapists` generated therapists; on later
 * starts nothing is added. Either way the demo accounts are printed so a newcomer can sign in.
 */
export async function seedDemo(url: string, therapists: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let present: string[];
  try {
    const { rows } = await client.query<{ empty: boolean }>(
      'SELECT NOT EXISTS (SELECT 1 FROM therapist_profile) AS empty',
    );
    if (rows[0].empty) {
      console.log(`Seeding a demo directory (${therapists} therapists around 18 US cities)...`);
      await createDemoAccounts(client, SEED_PASSWORD);
      const bar = new SingleBar(
        { format: 'Demo data {bar} {value}/{total} therapists', noTTYOutput: true, notTTYSchedule: 2000 },
        Presets.shades_classic,
      );
      await seedDirectory(url, {
        therapists,
        onProgress: (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
      });
      bar.stop();
    }
    const emails = DEMO_ACCOUNTS.map((a) => a.email);
    present = (
      await client.query<{ email: string }>('SELECT email FROM app_user WHERE email = ANY($1)', [emails])
    ).rows.map((r) => r.email);
  } finally {
    await client.end();
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
