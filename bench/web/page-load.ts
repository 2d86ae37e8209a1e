import autocannon from 'autocannon';
import { BenchQuery } from '../bench-queries';
import { PAGE, RADIUS_KM } from '../bench-sql';
import { WEB_BENCH_ORIGIN } from './web-app';

export interface Throughput {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const query = (q: BenchQuery) =>
  `near=${q.lat},${q.lng}&radiusKm=${RADIUS_KM}&condition=${q.conditionSlug}&limit=${PAGE}`;
export const jsonPath = (q: BenchQuery) => `/api/v1/search/therapists?${query(q)}`;
export const pagePath = (q: BenchQuery) => `/search?${query(q)}`;

/** autocannon at `connections`, cycling through the queries (the same for the JSON endpoint and the pages). */
export async function load(
  path: (q: BenchQuery) => string,
  queries: BenchQuery[],
  connections: number,
  seconds: number,
): Promise<Throughput> {
  let next = 0;
  const result = await autocannon({
    url: WEB_BENCH_ORIGIN,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: path(queries[next++ % queries.length]) }) }],
  });
  return {
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}
