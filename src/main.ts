import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { validateEnv } from './config/env';
import { EmbeddedDatabase } from './database/embedded-postgres';
import { openDatabase } from './database/open-database';
import { closeApp } from './common/shutdown';
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
        ? `${signal} received: finishing in-flight requests (at most ${env.SHUTDOWN_DRAIN_SECONDS} s)...`
        : `${signal} received during start-up: stopping. Nothing half-made is kept; the next start carries on.`,
    );
    if (running.app) {
      // The pool and the jobs get a few seconds after the drain; whatever still hangs then does not keep the process.
      setTimeout(() => process.exit(1), (env.SHUTDOWN_DRAIN_SECONDS + 5) * 1000).unref();
      await closeApp(running.app, env.SHUTDOWN_DRAIN_SECONDS * 1000).catch(() => undefined);
    }
    await running.embedded?.stop().catch(() => undefined);
    process.exit(running.app ? 0 : 130);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const db = await openDatabase(
    env,
    (line) => console.log(line),
    (embedded) => (running.embedded = embedded),
  );
  console.log(db.applied.length ? `Applied migrations: ${db.applied.join(', ')}` : 'Database schema is up to date.');
  if (running.embedded ? env.SEED_DEMO !== false : env.SEED_DEMO === true) {
    await seedDemo(db.url, env.DEMO_THERAPISTS);
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
