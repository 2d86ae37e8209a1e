import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { validateEnv } from '../config/env';
import { openDatabase } from '../database/open-database';
import { seedDirectory, SEED_PASSWORD } from './generator';

const USAGE = 'Usage: npm run seed -- --therapists N [--seed S] [--reset]';

function options(): { therapists: number; seed: number; reset: boolean } {
  const { values } = parseArgs({
    options: {
      therapists: { type: 'string' },
      seed: { type: 'string', default: '42' },
      reset: { type: 'boolean', default: false },
    },
  });
  const therapists = Number(values.therapists);
  const seed = Number(values.seed);
  if (!Number.isInteger(therapists) || therapists < 0 || !Number.isInteger(seed) || seed < 0) {
    throw new Error(USAGE);
  }
  return { therapists, seed, reset: values.reset ?? false };
}

async function main(): Promise<void> {
  const opts = options();
  const env = validateEnv(process.env, 'tool');
  const db = await openDatabase(env);
  const bar = new SingleBar(
    {
      format: 'Seeding {bar} {percentage}% | {value}/{total} therapists | {duration_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  try {
    const result = await seedDirectory(db.url, {
      ...opts,
      onProgress: (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
      onStep: (step) => {
        bar.stop();
        console.log(`${step[0].toUpperCase()}${step.slice(1)}...`);
      },
    });
    bar.stop();
    const removed = opts.reset ? `, removed ${result.removed} previously seeded therapists and their clients` : '';
    const search = result.searchRefreshed ? ', then rebuilt the search index' : '';
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `Seeded ${result.inserted} therapists in ${seconds(result.ms)} (rows loaded in ${seconds(result.loadMs)}${search})${removed}.`,
    );
    console.log(`Seeded accounts sign in with the password "${SEED_PASSWORD}".`);
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
