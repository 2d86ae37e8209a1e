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
  } finally {
    await client.end();
  }
  console.log(`Demo accounts (password "${SEED_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) {
    console.log(`  ${a.email.padEnd(42)} ${a.role.padEnd(18)} ${a.what}`);
  }
  console.log(
    `Seeded therapists sign in as s42.<number>.<first>.<last>@seed.nmt-directory.test with the same password.`,
  );
}
