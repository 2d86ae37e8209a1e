import 'reflect-metadata';
import { validateEnv } from '../config/env';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL, or to the embedded database without it. */
async function main(): Promise<void> {
  const env = validateEnv(process.env, 'tool');
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT, 'nmt');
    env.DATABASE_URL = embedded.url;
  }
  try {
    const started = Date.now();
    const applied = await runMigrations(env.DATABASE_URL);
    console.log(
      applied.length
        ? `Applied ${applied.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
        : 'The schema is up to date.',
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
