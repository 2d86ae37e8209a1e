import { Env } from '../config/env';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';
import { waitForDatabase } from './wait-for-database';

export interface OpenDatabase {
  url: string;
  /** The migrations this opening applied (empty when the schema was up to date). */
  applied: string[];
  /** Stops the embedded server if this process started one. */
  close(): Promise<void>;
}

/**
 * The database every entry point works on: DATABASE_URL's server, or without it the embedded PostgreSQL under
 * EMBEDDED_PG_DIR (started, initialised on first use). A server that is not up yet is waited for (with back-off, up to
 * DB_STARTUP_WAIT_SECONDS); either way the database is migrated to the current schema before use.
 */
export async function openDatabase(
  env: Env,
  log: (line: string) => void = () => undefined,
  /**
   * Told as soon as an embedded server runs. Passing it means the caller stops that server on SIGTERM and SIGINT
   * (after its own drain), also when the signal comes during the migrations.
   */
  onEmbedded?: (embedded: EmbeddedDatabase) => void,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    log(
      `Starting the embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}/; stop the service and delete that folder to reset)...`,
    );
    embedded = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT, 'nmt', {
      callerStopsOnSignals: onEmbedded !== undefined,
    });
    env.DATABASE_URL = embedded.url;
    onEmbedded?.(embedded);
  }
  const url = env.DATABASE_URL;
  try {
    await waitForDatabase(url, {
      giveUpAfterMs: env.DB_STARTUP_WAIT_SECONDS * 1000,
      attemptTimeoutMs: env.DB_CONNECT_TIMEOUT_SECONDS * 1000,
      log,
    });
    const applied = await runMigrations(url);
    return { url, applied, close: async () => embedded?.stop() };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
