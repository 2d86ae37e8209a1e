import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options';

/** Applies every pending migration, each in its own transaction. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...databaseOptions(url, 1), entities: [] });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
