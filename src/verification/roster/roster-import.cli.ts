import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { CertificationChecker } from '../check/checker.service';
import { CheckRepository } from '../check/checker.repository';
import { validateEnv } from '../../config/env';
import { databaseOptions } from '../../database/database.options';
import { openDatabase } from '../../database/open-database';
import { Association } from '../../associations/association.entity';
import { RosterImportService } from './roster-import.service';
import { readCsvRoster } from './roster-source';

const USAGE = 'Usage: npm run roster:import -- --association SLUG FILE.csv';

function readArguments(): { slug: string; file: string } {
  const { values, positionals } = parseArgs({
    options: { association: { type: 'string', short: 'a' } },
    allowPositionals: true,
  });
  if (!values.association || positionals.length !== 1) {
    throw new Error(USAGE);
  }
  return { slug: values.association, file: positionals[0] };
}

/** Imports a roster file with the same service as the API (no 50 MB limit here), showing progress by bytes read. */
async function main(): Promise<void> {
  const { slug, file } = readArguments();
  const { size } = await stat(file);
  const env = validateEnv(process.env, 'tool');
  const opened = await openDatabase(env);
  const db = new DataSource({ ...databaseOptions(opened.url, 2), entities: [Association] });
  await db.initialize();
  const bar = new SingleBar(
    { format: 'Importing {bar} {percentage}% | {value}/{total} bytes | {duration}s' },
    Presets.shades_classic,
  );
  try {
    const association = await db.manager.findOneBy(Association, { slug });
    if (!association) {
      throw new Error(`No association with the slug "${slug}".`);
    }
    bar.start(size, 0);
    const source = readCsvRoster(
      createReadStream(file),
      (bytes) => bar.update(Math.min(bytes, size)),
      Number.POSITIVE_INFINITY,
    );
    const outcome = await new RosterImportService(db, new CertificationChecker(new CheckRepository())).import(
      association,
      source,
    );
    bar.update(size);
    bar.stop();
    console.log(
      `Inserted ${outcome.inserted}, updated ${outcome.updated}, unchanged ${outcome.unchanged}, rejected ${outcome.rejected.length}; ` +
        `${outcome.recheckedCertifications} certification(s) checked again.`,
    );
    for (const { line, reason } of outcome.rejected.slice(0, 50)) {
      console.log(`  line ${line}: ${reason}`);
    }
    if (outcome.rejected.length > 50) {
      console.log(`  ... and ${outcome.rejected.length - 50} more`);
    }
  } finally {
    bar.stop();
    await db.destroy();
    await opened.close();
  }
}

main().catch((error: unknown) => {
  const problem = (error as { getResponse?: () => { detail?: string } }).getResponse?.();
  console.error(problem?.detail ?? (error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
