import { INestApplication } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import { Server } from 'node:http';

/**
 * Once the app starts closing, every answer still being sent says `Connection: close`, so that a keep-alive connection
 * ends with its last request instead of holding the shutdown open until the keep-alive timeout.
 */
export function useShutdownHooks(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) {
      void reply.header('Connection', 'close');
    }
    done(null, payload);
  });
}

/**
 * Closes the app: no new connections, idle ones closed at once, requests in flight get `drainMs` to finish; then their
 * connections are closed too, and the app's own shutdown (database pool, jobs) completes.
 */
export async function closeApp(app: INestApplication, drainMs: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
