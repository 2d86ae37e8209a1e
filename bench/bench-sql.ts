import { Pool } from 'pg';
import { buildSearchQuery } from '../src/search/search-sql';
import { SearchCriteria } from '../src/search/search.types';
import { BenchQuery } from './bench-queries';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export const RADIUS_KM = 25;
export const PAGE = 20;

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

/** Runs `run` for each query in turn from `concurrency` workers for `seconds`; latencies in ms. */
export async function closedLoop(
  queries: BenchQuery[],
  concurrency: number,
  seconds: number,
  run: (q: BenchQuery) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
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
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
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
    return pool.query(buildSearchQuery(hotCriteria(q), PAGE + 1 + 8));
  };
}

const BASELINE = `
  SELECT p.id, earth_distance(ll_to_earth($1, $2), ll_to_earth(p.lat, p.lng)) AS d, count(*) OVER () AS total
  FROM therapist_profile p
  JOIN therapist_condition tc ON tc.therapist_id = p.id AND tc.condition_slug = $4
  WHERE p.published AND p.lat BETWEEN $5 AND $6 AND p.lng BETWEEN $7 AND $8
    AND earth_distance(ll_to_earth($1, $2), ll_to_earth(p.lat, p.lng)) <= $3
    AND EXISTS (SELECT 1 FROM certification x WHERE x.therapist_id = p.id AND x.status = 'verified'
                AND x.withdrawn_at IS NULL AND (x.expires_on IS NULL OR x.expires_on >= current_date))
  ORDER BY d, p.id LIMIT ${PAGE + 1}`;

/** The straightforward shape: bounding box on a (lat, lng) B-tree over the normalised tables, then sort by distance. */
export function baselineSearch(pool: Pool): (q: BenchQuery) => Promise<unknown> {
  return async (q) => {
    const dLat = RADIUS_KM / 111.2;
    const dLng = RADIUS_KM / (111.2 * Math.cos((q.lat * Math.PI) / 180));
    return pool.query(BASELINE, [
      q.lat,
      q.lng,
      RADIUS_KM * 1000,
      q.conditionSlug,
      q.lat - dLat,
      q.lat + dLat,
      q.lng - dLng,
      q.lng + dLng,
    ]);
  };
}
