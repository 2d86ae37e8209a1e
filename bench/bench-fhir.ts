import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { runMigrations } from '../src/database/migrate';
import { BENCH_DATABASE, databaseUrlFor } from './bench-dataset';
import { startApp } from './bench-http';
import { BenchQuery, benchQueries } from './bench-queries';
import { PAGE, RADIUS_KM } from './bench-sql';
import { cpuPerRequest, cpuSnapshot, CpuPerRequest } from './cpu';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { buildSearchQuery } from '../src/search/search-sql';
import { FhirRepository } from '../src/fhir/fhir.repository';

/**
 * FHIR Location?near against the JSON search, same app, same points, same dataset (the one `npm run bench` seeds;
 * this script never seeds or rewrites it, it only applies pending migrations). Each run cycles through the same
 * random city points; the JSON search's response cache is off, so every request runs its statement.
 */
const PORT = Number(process.env.BENCH_FHIR_PORT ?? 3207);
const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The runs take turns, round after round, so that the machine's other load falls on all of them alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERIES = 5000;

interface Run {
  name: string;
  path: (q: BenchQuery) => string;
}

const RUNS: Run[] = [
  {
    name: 'JSON search (condition, verified)',
    path: (q) =>
      `/api/v1/search/therapists?near=${q.lat},${q.lng}&radiusKm=${RADIUS_KM}&condition=${q.conditionSlug}&limit=${PAGE}`,
  },
  {
    name: 'JSON search (all published)',
    path: (q) =>
      `/api/v1/search/therapists?near=${q.lat},${q.lng}&radiusKm=${RADIUS_KM}&verifiedOnly=false&limit=${PAGE}`,
  },
  { name: 'FHIR Location?near', path: (q) => `/fhir/Location?near=${q.lat}|${q.lng}|${RADIUS_KM}|km&_count=${PAGE}` },
  {
    name: 'FHIR near + _revinclude roles',
    path: (q) =>
      `/fhir/Location?near=${q.lat}|${q.lng}|${RADIUS_KM}|km&_count=${PAGE}&_revinclude=PractitionerRole:location`,
  },
];

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  cpu: CpuPerRequest;
}

async function load(run: Run, queries: BenchQuery[], seconds: number, appPid?: number): Promise<Measured> {
  let next = 0;
  const before = cpuSnapshot(appPid);
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: run.path(queries[next++ % queries.length]) }) }],
  });
  return {
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    cpu: cpuPerRequest(before, cpuSnapshot(appPid), result.requests.total),
  };
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function row(name: string, results: Measured[]): string {
  const m = (pick: (r: Measured) => number) => median(results.map(pick));
  return `| ${name.padEnd(34)} | ${fixed(m((r) => r.perSecond)).padStart(7)} | ${fixed(
    m((r) => r.p50),
    2,
  ).padStart(7)} | ${fixed(
    m((r) => r.p99),
    2,
  ).padStart(7)} | ${String(results.reduce((n, r) => n + r.errors, 0)).padStart(6)} | ${fixed(
    m((r) => r.cpu.appMs),
    3,
  ).padStart(7)} |`;
}
const load1 = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * The database side alone, one connection, one statement at a time: the search statement both the JSON search (all
 * published) and FHIR near run, and the statement FHIR adds to read the page's practices by id.
 */
async function statementTimes(url: string, queries: BenchQuery[]): Promise<{ search: number; page: number }> {
  const pool = new Pool({ connectionString: url, max: 1, options: '-c timezone=UTC' });
  const repository = new FhirRepository({ driver: { master: pool } } as unknown as DataSource);
  const spent = { search: 0n, page: 0n };
  const [warm, measured] = [100, 400];
  try {
    for (let i = 0; i < warm + measured; i++) {
      const q = queries[i % queries.length];
      const criteria = { lat: q.lat, lng: q.lng, radiusKm: RADIUS_KM, verifiedOnly: false, sort: 'distance' as const };
      const t0 = process.hrtime.bigint();
      const { rows } = await pool.query<{ id: string | null }>(
        buildSearchQuery({ ...criteria, limit: PAGE }, PAGE + 2),
      );
      const t1 = process.hrtime.bigint();
      await repository.therapists(rows.flatMap((r) => (r.id ? [r.id] : [])).slice(0, PAGE), []);
      const t2 = process.hrtime.bigint();
      if (i >= warm) {
        spent.search += t1 - t0;
        spent.page += t2 - t1;
      }
    }
  } finally {
    await pool.end();
  }
  return { search: Number(spent.search) / measured / 1e6, page: Number(spent.page) / measured / 1e6 };
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = databaseUrlFor(server, BENCH_DATABASE);
  const applied = await runMigrations(url);
  console.log(`[bench:fhir] ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
  const queries = await benchQueries(url, QUERIES);
  const before = load1();
  const app = await startApp(url, PORT);
  const results = new Map<string, Measured[]>(RUNS.map((run) => [run.name, []]));
  try {
    for (const run of RUNS) {
      await load(run, queries.slice().reverse(), 3);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const run of RUNS) {
        console.log(
          `[bench:fhir] round ${round}/${ROUNDS}: ${run.name}, ${SECONDS} s at ${CONNECTIONS} connections...`,
        );
        results.get(run.name)!.push(await load(run, queries, SECONDS, app.child.pid));
      }
    }
  } finally {
    await app.stop();
  }
  const rows = RUNS.map((run) => row(run.name, results.get(run.name)!));
  console.log('[bench:fhir] statement times, one connection...');
  const times = await statementTimes(url, queries);
  console.log(`
FHIR near vs JSON search: ${BENCH_DATABASE}, ${QUERIES} random city points, within ${RADIUS_KM} km, ${PAGE} per page,
${CONNECTIONS} connections, one app process; medians of ${ROUNDS} rounds of ${SECONDS} s per run, the runs taking turns.
Load average (1/5/15 min) before: ${before}; after: ${load1()}.

| run                                | req/s   | p50 ms  | p99 ms  | errors | app CPU ms/req |
|------------------------------------|---------|---------|---------|--------|----------------|
${rows.join('\n')}

Database time per request, one connection, one statement at a time (mean of 400): the search statement
${fixed(times.search, 2)} ms (JSON and FHIR alike); FHIR's page of practices by id ${fixed(times.page, 2)} ms.
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
