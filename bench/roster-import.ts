import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { Association } from '../src/associations/association.entity';
import { RosterImportService } from '../src/verification/roster/roster-import.service';
import { readCsvRoster } from '../src/verification/roster/roster-source';
import { CertificationChecker } from '../src/verification/check/checker.service';
import { CheckRepository } from '../src/verification/check/checker.repository';
import { databaseOptions } from '../src/database/database.options';
import { runMigrations } from '../src/database/migrate';

export interface RosterBenchResult {
  rows: number;
  seconds: number;
  peakRssMb: number;
  recheckedCertifications: number;
}

const CERTIFIED_SHARE = 100;

async function benchAssociation(db: DataSource, rows: number): Promise<Association> {
  const slug = `bench-roster-${rows}`;
  await db.query(
    `INSERT INTO association (slug, name, credential_types) VALUES ($1, 'Benchmark Association', '{CNMT}')
    ON CONFLICT (slug) DO NOTHING`,
    [slug],
  );
  return db.manager.findOneByOrFail(Association, { slug });
}

/** One unpublished therapist (kept out of search results) with a claim for every CERTIFIED_SHARE-th roster number. */
async function seedCertifications(db: DataSource, association: Association, rows: number): Promise<void> {
  const wanted = Math.floor(rows / CERTIFIED_SHARE);
  await db.transaction(async (m) => {
    await m.query(`SELECT set_config('app.actor', 'system:check', true), set_config('app.action', 'submitted', true)`);
    await m.query(
      `WITH n AS (SELECT g FROM generate_series(1, $2::int) g
                  WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE email = 'bench-roster-' || $3::int || '-' || g || '@example.test')),
       u AS (INSERT INTO app_user (email, password_hash, name, role, token_version)
             SELECT 'bench-roster-' || $3::int || '-' || g || '@example.test', 'x', 'Bench ' || g, 'therapist', 0 FROM n RETURNING id, email),
       p AS (INSERT INTO therapist_profile (user_id, first_name, last_name, display_name, city, region, postal_code, country, lat, lng, location_source, published)
             SELECT id, 'Ana', 'Bench' || split_part(split_part(email, '-', 4), '@', 1), 'Ana Bench', 'Austin', 'TX', '78701', 'US', 30.27, -97.74, 'explicit', false
             FROM u RETURNING id, last_name)
       INSERT INTO certification (therapist_id, association_id, credential_type, credential_number, credential_number_norm, status, status_reason)
       SELECT p.id, $1, 'CNMT', 'B-' || substr(p.last_name, 6), 'B' || substr(p.last_name, 6), 'unmatched', 'seeded for the benchmark' FROM p`,
      [association.id, wanted, rows],
    );
  });
  await db.query('ANALYZE app_user, therapist_profile, certification, roster_record');
}

/** Every CERTIFIED_SHARE-th holder is a seeded therapist; a run stamp makes every run change every row. */
async function writeRoster(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const stamp = Date.now().toString(36);
  out.write('credentialNumber,firstName,middleName,lastName,credentialType,status,issuedOn,expiresOn,city,region\n');
  for (let i = 1; i <= rows; i++) {
    const certified = i % CERTIFIED_SHARE === 0;
    const n = certified ? i / CERTIFIED_SHARE : i;
    const number = certified ? `B-${n}` : `NMT-${String(i).padStart(8, '0')}`;
    const line = `${number},Ana,"Q ${i % 7}",${certified ? `Bench${n}` : `Holder${i}`},CNMT,active,2020-01-01,2099-12-31,"City ${stamp}",TX\n`;
    if (!out.write(line)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Generates a roster CSV and imports it through the service used by the API and the CLI (re-checks included). */
export async function benchRosterImport(databaseUrl: string, rows: number): Promise<RosterBenchResult> {
  await runMigrations(databaseUrl);
  const db = new DataSource({ ...databaseOptions(databaseUrl, 2), entities: [Association] });
  await db.initialize();
  const file = join(tmpdir(), `roster-bench-${process.pid}-${rows}.csv`);
  try {
    const association = await benchAssociation(db, rows);
    await seedCertifications(db, association, rows);
    await writeRoster(file, rows);
    const service = new RosterImportService(db, new CertificationChecker(new CheckRepository()));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const started = process.hrtime.bigint();
    const outcome = await service.import(
      association,
      readCsvRoster(createReadStream(file), undefined, Number.POSITIVE_INFINITY),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (outcome.rejected.length) {
      throw new Error(`benchmark roster had ${outcome.rejected.length} rejected rows`);
    }
    return {
      rows,
      seconds: Math.round(seconds * 100) / 100,
      peakRssMb: Math.round(peak / 1024 / 1024),
      recheckedCertifications: outcome.recheckedCertifications,
    };
  } finally {
    await rm(file, { force: true });
    await db.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  const rows = Number(process.argv[2] ?? 100_000);
  if (!url) {
    throw new Error('Set DATABASE_URL');
  }
  benchRosterImport(url, rows).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
