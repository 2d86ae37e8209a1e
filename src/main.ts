import 'reflect-metadata';
import { createApp } from './app.factory';
import { validateEnv } from './config/env';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { seedDemo } from './seed/demo';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    console.log(
      `Starting the embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}/; stop the service and delete that folder to reset)...`,
    );
    embedded = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT, 'nmt');
    env.DATABASE_URL = embedded.url;
  }
  const applied = await runMigrations(env.DATABASE_URL);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  if (embedded ? env.SEED_DEMO !== false : env.SEED_DEMO === true) {
    await seedDemo(env.DATABASE_URL, env.DEMO_THERAPISTS);
  }

  const app = await createApp(env);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    console.log(`${signal} received: finishing in-flight requests...`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(`NMT directory listening on ${await app.getUrl()} (API docs at /docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
