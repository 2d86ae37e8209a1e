import { Pool } from 'pg';
import { buildSearchQuery } from '../src/search/search-sql';
import { SearchCriteria } from '../src/search/search.types';
import { BenchQuery } from './bench-queries';
import { CpuPerRequest, cpuPerRequest, cpuSnapshot } from './cpu';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  cpu: CpuPerRequest;
}

export const RADIUS_KM = 25;
export const PAGE = 20;

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

/** Runs `run` for each query in turn from `concurrency` workers for `seconds`; latencies in ms; progress every 5 s. */
export async function closedLoop(
  queries: BenchQuery[],
  concurrency: number,
  seconds: number,
  run: (q: BenchQuery) => Promise<unknown>,
  progress?: (line: string) => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const cpuBefore = cpuSnapshot();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const startedMs = Date.now();
  const ticker =
    progress &&
    setInterval(
      () => progress(`  ${Math.round((Date.now() - startedMs) / 1000)} s: ${latencies.length} queries`),
      5000,
    );
  const worker = async () => {
    while (process.hrtime.bigint() < deadline) {
      const query = queries[next++ % queries.length];
      const t0 = process.hrtime.bigint();
      try {
        await run(query);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearInterval(ticker);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuPerRequest(cpuBefore, cpuSnapshot(), latencies.length);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    cpu,
  };
}

export function hotCriteria(q: BenchQuery): SearchCriteria {
  return {
    lat: q.lat,
    lng: q.lng,
    radiusKm: RADIUS_KM,
    conditionId: q.conditionId,
    verifiedOnly: true,
    sort: 'distance',
    limit: PAGE,
  };
}

/** The endpoint's own statement, sent straight through pg (as the app's pool sends it). */
export function rawSearch(pool: Pool): (q: BenchQuery) => Promise<unknown> {
  return async (q) => {
    return pool.query(buildSearchQuery(hotCriteria(q), PAGE + 2));
  };
}

const BASELINE = `
  SELECT therapist_id, d, count(*) OVER () AS total FROM (
    SELECT c.therapist_id, earth_distance(ll_to_earth($1, $2), ll_to_earth(s.lat, s.lng)) AS d
    FROM therapist_search_condition c JOIN therapist_search s ON s.therapist_id = c.therapist_id
    WHERE c.condition_id = $3::smallint AND cube(earth_box(ll_to_earth($1, $2), $4), 0, 1) @> c.point
      AND c.verified_until >= current_date
  ) inside WHERE d <= $4 ORDER BY d, therapist_id LIMIT ${PAGE + 1}`;

/**
 * The straightforward shape over the same tables and GiST index: every match in the bounding box is fetched, its
 * distance computed, filtered to the radius, counted exactly and sorted; no nearest-neighbour ordering.
 */
export function baselineSearch(pool: Pool): (q: BenchQuery) => Promise<unknown> {
  return async (q) => pool.query(BASELINE, [q.lat, q.lng, q.conditionId, RADIUS_KM * 1000]);
}
