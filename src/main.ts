import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { validateEnv } from './config/env';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { seedDemo } from './seed/demo';

let stopping = false;

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const running: { embedded?: EmbeddedDatabase; app?: NestFastifyApplication } = {};

  // Installed first: a Ctrl-C during start-up (the first one seeds the demo) stops cleanly too.
  const stop = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(
      running.app
        ? `${signal} received: finishing in-flight requests...`
        : `${signal} received during start-up: stopping. Nothing half-made is kept; the next start carries on.`,
    );
    await running.app?.close().catch(() => undefined);
    await running.embedded?.stop().catch(() => undefined);
    process.exit(running.app ? 0 : 130);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (!env.DATABASE_URL) {
    console.log(
      `Starting the embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}/; stop the service and delete that folder to reset)...`,
    );
    running.embedded = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT, 'nmt');
    env.DATABASE_URL = running.embedded.url;
  }
  const applied = await runMigrations(env.DATABASE_URL);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  if (running.embedded ? env.SEED_DEMO !== false : env.SEED_DEMO === true) {
    await seedDemo(env.DATABASE_URL, env.DEMO_THERAPISTS);
  }

  const app = await createApp(env);
  running.app = app;
  // A deeper accept queue than Node's 511: under a burst of connections, clients get a (possibly 503) answer, not a
  // dropped SYN and a retry seconds later.
  await app.listen({ port: env.PORT, host: env.HOST, backlog: 2048 });
  console.log(`NMT directory listening on ${await app.getUrl()} (API docs at /docs)`);
}

main().catch((error: unknown) => {
  if (stopping) {
    return; // the database went away because we are stopping
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
