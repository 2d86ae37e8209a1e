import 'reflect-metadata';
import { validateEnv } from '../config/env';
import { openDatabase } from './open-database';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL, or to the embedded database without it. */
async function main(): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(validateEnv(process.env, 'tool'));
  await db.close();
  console.log(
    db.applied.length
      ? `Applied ${db.applied.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
      : 'The schema is up to date.',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
