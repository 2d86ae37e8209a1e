import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../src/node-flags';
import { BenchQuery } from './bench-queries';
import { cpuPerRequest, cpuSnapshot } from './cpu';
import { LoadResult, PAGE, percentile, RADIUS_KM } from './bench-sql';

export const BENCH_PORT = 3107;

export interface AppHandle {
  child: ChildProcess;
  peakRssMb(): number;
  stop(): Promise<void>;
}

function kbFromStatus(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * Starts the built app against the benchmark database as `npm run start:prod` runs it (src/node-flags.ts, the
 * default pools), rate limits off, logging at warn and the in-process response cache off (max-age 0), so every request
 * runs the search; `env` adds settings (demo data, the public URL). Samples its memory every 100 ms.
 *
 * Mail delivery is off too. A directory seeded at once starts with a backlog of expiry reminders (every credential
 * within 60 days of expiring: some 18,000 at 1M therapists), which the worker would send one after another through
 * every run, at about a tenth of the app's CPU; a running directory's reminders come due a few thousand a day.
 */
export async function startApp(
  databaseUrl: string,
  port = BENCH_PORT,
  env: Record<string, string> = {},
  readyWithinSeconds = 120,
): Promise<AppHandle> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      SEARCH_CACHE_MAX_AGE_SECONDS: '0',
      NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      peakKb = Math.max(peakKb, kbFromStatus(child.pid!, 'VmHWM'), kbFromStatus(child.pid!, 'VmRSS'));
    } catch {
      /* the process is gone */
    }
  }, 100);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    clearInterval(sampler);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
  };
  for (const until = Date.now() + readyWithinSeconds * 1000; ;) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error('the app did not become ready');
    }
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, peakRssMb: () => Math.round(peakKb / 1024), stop };
}

export function searchPath(q: BenchQuery): string {
  return `/api/v1/search/therapists?near=${q.lat},${q.lng}&radiusKm=${RADIUS_KM}&condition=${q.conditionSlug}&limit=${PAGE}`;
}

/** autocannon at `connections` against the endpoint, cycling through the queries; progress every 5 s on stdout. */
export async function httpLoad(
  queries: BenchQuery[],
  connections: number,
  seconds: number,
  appPid?: number,
  progress?: (line: string) => void,
): Promise<LoadResult> {
  let next = 0;
  let done = 0;
  const cpuBefore = cpuSnapshot(appPid);
  const started = Date.now();
  const ticker =
    progress && setInterval(() => progress(`  ${Math.round((Date.now() - started) / 1000)} s: ${done} requests`), 5000);
  const instance = autocannon({
    url: `http://127.0.0.1:${BENCH_PORT}`,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: searchPath(queries[next++ % queries.length]) }) }],
  });
  instance.on('response', () => done++);
  const result = await instance;
  clearInterval(ticker);
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    cpu: cpuPerRequest(cpuBefore, cpuSnapshot(appPid), result.requests.total),
  };
}

/** One request at a time, each query `rounds` times: the median and the 90th percentile, ms. */
export async function singleRequests(queries: BenchQuery[], rounds: number): Promise<{ p50: number; p90: number }> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${BENCH_PORT}${searchPath(q)}`);
      await response.arrayBuffer();
      if (!response.ok) {
        throw new Error(`${searchPath(q)}: ${response.status}`);
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p90: percentile(latencies, 90) };
}
