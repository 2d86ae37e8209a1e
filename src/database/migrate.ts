import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options';

/**
 * Applies every pending migration, each in its own transaction. Instances starting together take turns on an advisory
 * lock held for the whole run, so the second finds nothing left to do instead of racing the first.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('nmt:migrations', 0))`);
    const dataSource = new DataSource({ ...databaseOptions(url, 1), entities: [] });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}
