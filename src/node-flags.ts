/**
 * The Node.js flags the service runs with: `npm run start:prod`, the Dockerfile and the benchmarks all use these.
 *
 * - A heap limit: V8 collects garbage before the heap grows to hundreds of MB.
 * - No allocation-site pretenuring. Under load V8 judged objects made for each request long-lived (requests in flight
 *   survive the young generation's collections) and allocated them straight into the old generation. That filled up
 *   every half second, and each full collection paused the app for 5–14 ms: the search's p99. Without it the dense
 *   search served 8–20% more requests per second, with a p99 of 25–29 ms instead of 36–40 (docs/benchmarks.md).
 */
export const NODE_FLAGS = ['--max-old-space-size=384', '--no-allocation-site-pretenuring'];
