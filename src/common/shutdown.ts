import { INestApplication } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import { Server } from 'node:http';

const closing = new WeakSet<FastifyInstance>();
/** At most this long, connections still open get to send the request they may already have on the wire. */
const HAND_OFF_MS = 1000;

/**
 * Once the app starts closing, every answer still being sent says `Connection: close`, so that a keep-alive connection
 * ends with its last request instead of holding the shutdown open until the keep-alive timeout.
 */
export function useShutdownHooks(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    closing.add(fastify);
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing.has(fastify)) {
      void reply.header('Connection', 'close');
    }
    done(null, payload);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}

/**
 * Closes the app without dropping a request. The listener stops first while keep-alive connections stay open: a
 * request a client has already sent on one (the server may not have read it yet, and would count the connection as
 * idle and reset it) is answered, with `Connection: close`. Once no connection is left, or after at most a second,
 * idle connections are closed, requests in flight get `drainMs` to finish, then their connections are closed too and
 * the app's own shutdown (database pool, jobs) completes.
 */
export async function closeApp(app: INestApplication, drainMs: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  closing.add(app.getHttpAdapter().getInstance() as FastifyInstance);
  // http.Server#close() would also reset the connections it deems idle; keep them for the hand-off.
  const closeIdleConnections = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => undefined;
  server.close();
  const handOffUntil = Date.now() + Math.min(HAND_OFF_MS, drainMs);
  while (Date.now() < handOffUntil && (await openConnections(server)) > 0) {
    await sleep(25);
  }
  server.closeIdleConnections = closeIdleConnections;
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
