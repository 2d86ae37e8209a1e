import { Client } from 'pg';

/** Test databases are named after the jest run that made them, so parallel runs never touch each other's. */
export const RUN_PREFIX = 'nmt_test_';

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops databases left behind by runs whose process is gone (killed runs never reach their teardown). */
export async function dropStaleDatabases(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
    `${RUN_PREFIX}%`,
  ]);
  for (const { datname } of rows) {
    const pid = Number(/^nmt_test_(\d+)_/.exec(datname)?.[1]);
    if (pid && !isAlive(pid)) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
