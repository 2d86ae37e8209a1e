import { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from './problem';

const shedRequests = new WeakSet<FastifyRequest>();

/** A request answered 503 by the bound: logged at info, as the overload itself is logged once per 1,000. */
export function wasShed(request: FastifyRequest): boolean {
  return shedRequests.has(request);
}

/** Liveness must answer under load too: an orchestrator restarting a busy instance would make things worse. */
const NEVER_SHED = new Set(['/health/live']);

/**
 * Bounds the requests handled at once. Past the bound a request is answered 503 with Retry-After straight away, so
 * that under overload clients get a fast answer rather than a silent queue (and a full listen backlog).
 */
export function useLoadShedding(fastify: FastifyInstance, maxInFlight: number): void {
  let inFlight = 0;
  let shed = 0;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (NEVER_SHED.has(request.routeOptions.url ?? '')) {
      return done();
    }
    if (inFlight >= maxInFlight) {
      shedRequests.add(request);
      if (shed++ % 1000 === 0) {
        request.log.warn(`Overloaded: ${maxInFlight} requests in flight (MAX_IN_FLIGHT_REQUESTS); ${shed} shed so far`);
      }
      void reply
        .code(503)
        .header('Retry-After', '1')
        .header('Content-Type', 'application/problem+json')
        .send(problem(503, 'The service is busy; try again in a moment.'));
      return;
    }
    inFlight++;
    // 'close' comes once, when the response is sent or the client went away.
    reply.raw.once('close', () => inFlight--);
    done();
  });
}
