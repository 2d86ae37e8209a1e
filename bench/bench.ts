import { Client, Pool } from 'pg';
import { Env } from '../src/config/env';
import { searchPoolConfig } from '../src/database/database.options';
import { BenchQuery, benchQueries, BOISE, denseCentreQueries, everyConditionAt, MANHATTAN } from './bench-queries';
import { ensureDataset } from './bench-dataset';
import { AppHandle, httpLoad, singleRequests, startApp } from './bench-http';
import { baselineSearch, closedLoop, LoadResult, rawSearch } from './bench-sql';
import { databaseMsPerRequest, loadAverage, searchBackendsMs } from './cpu';

const THERAPISTS = Number(process.env.BENCH_THERAPISTS ?? 1_000_000);
const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** The first seconds after the app starts, measured on their own. */
const FRESH_SECONDS = 15;
const QUERIES = 5000;
const SINGLE_ROUNDS = 5;
const TARGETS = {
  perSecond: 1500,
  stretch: 3000,
  p99: 30,
  freshShare: 0.5,
  manhattanOverBoise: 2,
  httpOverRaw: 0.6,
  rssMb: 300,
  httpOverBaseline: 10,
};

const log = (line: string) => console.log(`[bench] ${line}`);
const fixed = (n: number, digits = 1) => n.toFixed(digits);

function row(name: string, r: LoadResult): string {
  return `| ${name.padEnd(40)} | ${fixed(r.perSecond).padStart(9)} | ${fixed(r.p50, 2).padStart(8)} | ${fixed(r.p99, 2).padStart(8)} | ${String(r.errors).padStart(6)} |`;
}

function cpuRow(name: string, r: LoadResult, generator: string): string {
  const ms = (n: number) => fixed(n, 3).padStart(7);
  const db = r.cpu.databaseMs ?? 0;
  return `| ${name.padEnd(40)} | ${ms(r.cpu.totalMs)} | ${ms(r.cpu.benchMs)} ${generator.padEnd(12)} | ${ms(r.cpu.appMs)} | ${ms(db)}    | ${ms(Math.max(0, r.cpu.restMs - db))} |`;
}

/** Runs `run`, and records the CPU time per request of the search's PostgreSQL backends meanwhile. */
async function withDatabaseCpu(monitor: Client, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = await searchBackendsMs(monitor);
  const result = await run();
  result.cpu.databaseMs = databaseMsPerRequest(before, await searchBackendsMs(monitor), result.requests);
  return result;
}

function check(name: string, value: string, target: string, ok: boolean): string {
  return `| ${name.padEnd(40)} | ${value.padStart(9)} | ${target.padEnd(11)} | ${ok ? 'met' : 'NOT MET'} |`;
}

interface SqlRuns {
  raw: LoadResult;
  rawDense: LoadResult;
}

/** The app runs with the default search pool; the raw runs and the baseline use as many connections. */
const POOL_SIZE = new Env().SEARCH_POOL_SIZE;

const searchPool = (url: string) => new Pool(searchPoolConfig(url, { max: POOL_SIZE }));

/**
 * The raw statement through a pool configured as the app's search pool (its size too: the default SEARCH_POOL_SIZE,
 * which the app runs with here), on both workloads.
 */
async function sqlRuns(url: string, monitor: Client, city: BenchQuery[], dense: BenchQuery[]): Promise<SqlRuns> {
  const pool = searchPool(url);
  try {
    log('warming up the raw SQL path...');
    await closedLoop(city, CONCURRENCY, 3, rawSearch(pool));
    log(`raw SQL through pg, city postal-code points, ${CONCURRENCY} concurrent, ${SECONDS} s...`);
    const raw = await withDatabaseCpu(monitor, () => closedLoop(city, CONCURRENCY, SECONDS, rawSearch(pool), log));
    log(`raw SQL through pg, dense city centres, ${CONCURRENCY} concurrent, ${SECONDS} s...`);
    const rawDense = await withDatabaseCpu(monitor, () =>
      closedLoop(dense, CONCURRENCY, SECONDS, rawSearch(pool), log),
    );
    return { raw, rawDense };
  } finally {
    await pool.end();
  }
}

/**
 * The baseline on the city points, after the app's runs: it reads every match in each box, and would leave the
 * database's shared buffers holding those pages instead of the ones searches use when the app starts.
 */
async function baselineRun(url: string, city: BenchQuery[]): Promise<LoadResult> {
  const pool = searchPool(url);
  try {
    log(`baseline (bounding box + sort by distance), ${CONCURRENCY} concurrent, ${SECONDS} s...`);
    return await closedLoop(city, CONCURRENCY, SECONDS, baselineSearch(pool), log);
  } finally {
    await pool.end();
  }
}

interface HttpRuns {
  fresh: LoadResult;
  dense: LoadResult;
  http: LoadResult;
  manhattan: { p50: number; p90: number };
  boise: { p50: number; p90: number };
  startMs: number;
  rssMb: number;
}

/**
 * Starts the app and loads it at once with the dense workload (the fresh-start figure), then again (warm); then the
 * single-request comparison and the city workload.
 */
async function httpRuns(url: string, monitor: Client, city: BenchQuery[], dense: BenchQuery[]): Promise<HttpRuns> {
  let app: AppHandle | undefined;
  try {
    log('starting the app (dist/src/main.js)...');
    const t0 = Date.now();
    app = await startApp(url);
    const startMs = Date.now() - t0;
    log(`ready after ${startMs} ms; dense city centres, the first ${FRESH_SECONDS} s after the start...`);
    const fresh = await withDatabaseCpu(monitor, () =>
      httpLoad(dense, CONCURRENCY, FRESH_SECONDS, app!.child.pid, log),
    );
    log(`dense city centres, warm, ${CONCURRENCY} connections, ${SECONDS} s...`);
    const warm = await withDatabaseCpu(monitor, () =>
      httpLoad(dense.slice(QUERIES / 2).concat(dense.slice(0, QUERIES / 2)), CONCURRENCY, SECONDS, app!.child.pid, log),
    );
    log(`single requests, one at a time: every condition near Manhattan and near Boise, ${SINGLE_ROUNDS} rounds...`);
    const [manhattanQueries, boiseQueries] = [
      await everyConditionAt(url, MANHATTAN),
      await everyConditionAt(url, BOISE),
    ];
    await singleRequests(manhattanQueries.concat(boiseQueries), 1);
    const manhattan = await singleRequests(manhattanQueries, SINGLE_ROUNDS);
    const boise = await singleRequests(boiseQueries, SINGLE_ROUNDS);
    log('warming up the city postal-code workload...');
    await httpLoad(city.slice().reverse(), CONCURRENCY, 3);
    log(`city postal-code points, ${CONCURRENCY} connections, ${SECONDS} s...`);
    const http = await withDatabaseCpu(monitor, () => httpLoad(city, CONCURRENCY, SECONDS, app!.child.pid, log));
    return { fresh, dense: warm, http, manhattan, boise, startMs, rssMb: app.peakRssMb() };
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
  const loadBefore = loadAverage();
  const { url } = await ensureDataset(server, THERAPISTS, log);
  const city = await benchQueries(url, QUERIES);
  const dense = await denseCentreQueries(url, QUERIES);
  const monitor = new Client({ connectionString: url });
  await monitor.connect();
  const { raw, rawDense } = await sqlRuns(url, monitor, city, dense);
  const h = await httpRuns(url, monitor, city, dense);
  const baseline = await baselineRun(url, city);
  await monitor.end();
  const roster = await rosterRun(url);
  const httpOverRaw = h.dense.perSecond / rawDense.perSecond;
  const manhattanOverBoise = h.manhattan.p50 / h.boise.p50;
  const freshShare = h.fresh.perSecond / TARGETS.perSecond;
  console.log(`
Search benchmark: ${THERAPISTS.toLocaleString('en-US')} therapists; within 25 km, one condition, verified only, by distance,
20 per page; ${CONCURRENCY} concurrent (both the app and the raw runs through ${POOL_SIZE} connections);
${SECONDS} s per run. Load average before: ${loadBefore}; after: ${loadAverage()}.
Dense city centres: the centres of the 20 largest metros' core cities, each moved by up to ±0.06°, every condition in
turn. City postal-code points: ${QUERIES} random (postal-code centroid of a seeded city, condition) pairs.

| run                                      | req/s     | p50 ms   | p99 ms   | errors |
|------------------------------------------|-----------|----------|----------|--------|
${row('HTTP, dense centres, first 15 s (fresh)', h.fresh)}
${row('HTTP, dense centres, warm', h.dense)}
${row('raw SQL, dense centres', rawDense)}
${row('HTTP, city postal-code points', h.http)}
${row('raw SQL, city postal-code points', raw)}
${row('baseline SQL (box filter + sort), city', baseline)}

The app was ready ${h.startMs} ms after it was started. Single requests, one at a time (every condition, ${SINGLE_ROUNDS} rounds):
near Manhattan p50 ${fixed(h.manhattan.p50, 2)} ms, p90 ${fixed(h.manhattan.p90, 2)} ms; near Boise p50 ${fixed(h.boise.p50, 2)} ms, p90 ${fixed(h.boise.p90, 2)} ms.

CPU time per request, ms: the whole machine (its 2 cores are shared, also with other work), the load generator, the
app, the PostgreSQL backends of the search's connections, and everything else (other work, the system):

| run                                      | total   | load generator       | app     | PostgreSQL | other   |
|------------------------------------------|---------|----------------------|---------|------------|---------|
${cpuRow('HTTP, dense centres, first 15 s', h.fresh, '(autocannon)')}
${cpuRow('HTTP, dense centres, warm', h.dense, '(autocannon)')}
${cpuRow('raw SQL, dense centres', rawDense, '(pg)')}
${cpuRow('HTTP, city postal-code points', h.http, '(autocannon)')}
${cpuRow('raw SQL, city postal-code points', raw, '(pg)')}

| check (dense centres unless named)       | value     | target      | result  |
|------------------------------------------|-----------|-------------|---------|
${check('HTTP req/s, warm', fixed(h.dense.perSecond), `>= ${TARGETS.perSecond}`, h.dense.perSecond >= TARGETS.perSecond)}
${check('HTTP p99 ms, warm', fixed(h.dense.p99, 2), `<= ${TARGETS.p99}`, h.dense.p99 <= TARGETS.p99)}
${check('HTTP req/s, first 15 s after start', fixed(h.fresh.perSecond), `>= ${TARGETS.perSecond * TARGETS.freshShare}`, freshShare >= TARGETS.freshShare)}
${check('Manhattan p50 / Boise p50', fixed(manhattanOverBoise, 2), `<= ${TARGETS.manhattanOverBoise}`, manhattanOverBoise <= TARGETS.manhattanOverBoise)}
${check('HTTP / raw SQL (same run)', fixed(httpOverRaw, 2), `>= ${TARGETS.httpOverRaw}`, httpOverRaw >= TARGETS.httpOverRaw)}
${check('app peak RSS MB (VmHWM)', String(h.rssMb), `< ${TARGETS.rssMb}`, h.rssMb < TARGETS.rssMb)}
${check('HTTP / baseline, city points', fixed(h.http.perSecond / baseline.perSecond), `>= ${TARGETS.httpOverBaseline}`, h.http.perSecond / baseline.perSecond >= TARGETS.httpOverBaseline)}
${check('stretch: HTTP req/s, warm', fixed(h.dense.perSecond), `>= ${TARGETS.stretch}`, h.dense.perSecond >= TARGETS.stretch)}

Roster import (100,000 rows): ${roster}
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
