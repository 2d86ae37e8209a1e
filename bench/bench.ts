import { Pool } from 'pg';
import { BenchQuery, benchQueries } from './bench-queries';
import { ensureDataset } from './bench-dataset';
import { AppHandle, httpLoad, startApp } from './bench-http';
import { baselineSearch, closedLoop, LoadResult, rawSearch } from './bench-sql';

const THERAPISTS = Number(process.env.BENCH_THERAPISTS ?? 1_000_000);
const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const QUERIES = 5000;
const TARGETS = { perSecond: 1500, p99: 30, rssMb: 300, httpOverRaw: 0.85, httpOverBaseline: 10 };

const log = (line: string) => console.log(`[bench] ${line}`);
const fixed = (n: number, digits = 1) => n.toFixed(digits);

function row(name: string, r: LoadResult): string {
  return `| ${name.padEnd(34)} | ${fixed(r.perSecond).padStart(9)} | ${fixed(r.p50, 2).padStart(8)} | ${fixed(r.p99, 2).padStart(8)} | ${String(r.errors).padStart(6)} |`;
}

function cpuRow(name: string, r: LoadResult, generator: string): string {
  const ms = (n: number) => fixed(n, 3).padStart(7);
  return `| ${name.padEnd(34)} | ${ms(r.cpu.totalMs)} | ${ms(r.cpu.benchMs)} ${generator.padEnd(10)} | ${ms(r.cpu.appMs)} | ${ms(r.cpu.restMs)} |`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'NOT MET';
}

async function sqlRuns(url: string, queries: BenchQuery[]): Promise<{ raw: LoadResult; baseline: LoadResult }> {
  const pool = new Pool({ connectionString: url, max: CONCURRENCY, options: '-c timezone=UTC' });
  try {
    log('warming up the raw SQL path...');
    await closedLoop(queries, CONCURRENCY, 3, rawSearch(pool));
    log(`raw SQL through pg, ${CONCURRENCY} concurrent, ${SECONDS} s...`);
    const raw = await closedLoop(queries, CONCURRENCY, SECONDS, rawSearch(pool));
    log(`baseline (bounding box + sort by distance), ${CONCURRENCY} concurrent, ${SECONDS} s...`);
    const baseline = await closedLoop(queries, CONCURRENCY, SECONDS, baselineSearch(pool));
    return { raw, baseline };
  } finally {
    await pool.end();
  }
}

async function httpRun(url: string, queries: BenchQuery[]): Promise<{ http: LoadResult; rssMb: number }> {
  let app: AppHandle | undefined;
  try {
    log('starting the app (dist/src/main.js)...');
    app = await startApp(url);
    log('warming up the HTTP path...');
    await httpLoad(queries.slice().reverse(), CONCURRENCY, 3);
    log(`HTTP via autocannon, ${CONCURRENCY} connections, ${SECONDS} s (in-process cache off)...`);
    const http = await httpLoad(queries, CONCURRENCY, SECONDS, app.child.pid);
    return { http, rssMb: app.peakRssMb() };
  } finally {
    await app?.stop();
  }
}

async function rosterRun(url: string): Promise<string> {
  let bench: { benchRosterImport(url: string, rows: number): Promise<object> };
  try {
    bench = await import('./roster-import');
  } catch {
    return 'skipped: bench/roster-import is not available';
  }
  log('roster import of 100,000 rows...');
  const result = await bench.benchRosterImport(url, 100_000);
  return JSON.stringify(result);
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { url } = await ensureDataset(server, THERAPISTS, log);
  const queries = await benchQueries(url, QUERIES);
  const { raw, baseline } = await sqlRuns(url, queries);
  const { http, rssMb } = await httpRun(url, queries);
  const roster = await rosterRun(url);
  const httpOverRaw = http.perSecond / raw.perSecond;
  const httpOverBaseline = http.perSecond / baseline.perSecond;
  console.log(`
Search benchmark: ${THERAPISTS.toLocaleString('en-US')} therapists; ${QUERIES} random (city postal-code point, condition) pairs;
within 25 km, one condition, verified only, by distance, 20 per page; ${CONCURRENCY} concurrent; ${SECONDS} s per run.

| run                                | req/s     | p50 ms   | p99 ms   | errors |
|------------------------------------|-----------|----------|----------|--------|
${row('raw SQL (pg, endpoint statement)', raw)}
${row('baseline SQL (box filter + sort)', baseline)}
${row('HTTP GET /search/therapists', http)}

CPU time per request, ms (the machine's 2 cores are shared by all three; "rest" is PostgreSQL and the system):

| run                                | total   | load generator     | app     | rest    |
|------------------------------------|---------|--------------------|---------|---------|
${cpuRow('raw SQL', raw, '(pg)')}
${cpuRow('HTTP', http, '(autocannon)')}

| check                              | value     | target      | result  |
|------------------------------------|-----------|-------------|---------|
| HTTP req/s                         | ${fixed(http.perSecond).padStart(9)} | >= ${TARGETS.perSecond}    | ${verdict(http.perSecond >= TARGETS.perSecond)} |
| HTTP p99 ms                        | ${fixed(http.p99, 2).padStart(9)} | <= ${TARGETS.p99}      | ${verdict(http.p99 <= TARGETS.p99)} |
| HTTP / raw SQL                     | ${fixed(httpOverRaw, 2).padStart(9)} | >= ${TARGETS.httpOverRaw}    | ${verdict(httpOverRaw >= TARGETS.httpOverRaw)} |
| HTTP / baseline                    | ${fixed(httpOverBaseline, 1).padStart(9)} | >= ${TARGETS.httpOverBaseline}      | ${verdict(httpOverBaseline >= TARGETS.httpOverBaseline)} |
| app peak RSS MB (VmHWM)            | ${String(rssMb).padStart(9)} | < ${TARGETS.rssMb}      | ${verdict(rssMb < TARGETS.rssMb)} |

Roster import (100,000 rows): ${roster}
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
