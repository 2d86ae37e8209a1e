import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { runMigrations } from '../src/database/migrate';
import { BENCH_DATABASE, databaseUrlFor } from './bench-dataset';
import { startApp } from './bench-http';
import { BenchQuery, benchQueries } from './bench-queries';
import { PAGE, RADIUS_KM } from './bench-sql';
import { cpuPerRequest, cpuSnapshot, CpuPerRequest } from './cpu';

/**
 * FHIR Location?near against the JSON search, same app, same points, same dataset (the one `npm run bench` seeds;
 * this script never seeds or rewrites it, it only applies pending migrations). Each run cycles through the same
 * random city points; the JSON search's response cache is off, so every request runs its statement.
 */
const PORT = Number(process.env.BENCH_FHIR_PORT ?? 3207);
const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
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
const load1 = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = databaseUrlFor(server, BENCH_DATABASE);
  const applied = await runMigrations(url);
  console.log(`[bench:fhir] ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
  const queries = await benchQueries(url, QUERIES);
  const before = load1();
  const app = await startApp(url, PORT);
  const rows: string[] = [];
  try {
    for (const run of RUNS) {
      console.log(`[bench:fhir] ${run.name}: warm-up 3 s, then ${SECONDS} s at ${CONNECTIONS} connections...`);
      await load(run, queries.slice().reverse(), 3);
      const r = await load(run, queries, SECONDS, app.child.pid);
      rows.push(
        `| ${run.name.padEnd(34)} | ${fixed(r.perSecond).padStart(7)} | ${fixed(r.p50, 2).padStart(7)} | ${fixed(r.p99, 2).padStart(7)} | ${String(r.errors).padStart(6)} | ${fixed(r.cpu.appMs, 3).padStart(7)} | ${fixed(r.cpu.totalMs, 3).padStart(7)} |`,
      );
    }
  } finally {
    await app.stop();
  }
  console.log(`
FHIR near vs JSON search: ${BENCH_DATABASE}, ${QUERIES} random city points, within ${RADIUS_KM} km, ${PAGE} per page,
${CONNECTIONS} connections, ${SECONDS} s per run, one app process. Load average (1/5/15 min) before: ${before}; after: ${load1()}.

| run                                | req/s   | p50 ms  | p99 ms  | errors | app CPU ms/req | machine CPU ms/req |
|------------------------------------|---------|---------|---------|--------|---------|---------|
${rows.join('\n')}
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
