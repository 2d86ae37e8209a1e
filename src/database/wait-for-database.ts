import { Client } from 'pg';

export interface WaitOptions {
  /** Give up after this long; 0: wait forever. */
  giveUpAfterMs: number;
  /** One attempt's connection timeout. */
  attemptTimeoutMs: number;
  log: (line: string) => void;
}

/** Where the database is, for a log line: host, port and database, never the user or password. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the DATABASE_URL (unparseable)';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Start-up's first step: waits until PostgreSQL answers a query, retrying with back-off (1 s, 2 s, 4 s… at most 15 s)
 * and saying on each attempt what it waits for, so that a database still starting (or unreachable) is visible.
 */
export async function waitForDatabase(url: string, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const where = describeDatabase(url);
  for (let attempt = 1, delay = 1000; ; attempt++, delay = Math.min(delay * 2, 15_000)) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: options.attemptTimeoutMs });
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1) {
        options.log(`PostgreSQL at ${where} answers (attempt ${attempt}).`);
      }
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const waited = Date.now() - started;
      if (options.giveUpAfterMs > 0 && waited + delay > options.giveUpAfterMs) {
        throw new Error(
          `PostgreSQL at ${where} did not answer within ${Math.round(options.giveUpAfterMs / 1000)} s ` +
            `(${attempt} attempts; last: ${reason}). See DB_STARTUP_WAIT_SECONDS.`,
        );
      }
      options.log(
        `Waiting for PostgreSQL at ${where} (attempt ${attempt} failed: ${reason}); retrying in ${delay / 1000} s...`,
      );
      await sleep(delay);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
