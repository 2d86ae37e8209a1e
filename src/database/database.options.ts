import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { Q_SIMILARITY } from '../search/search-sql';

export function databaseOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrations: [join(__dirname, '../../migrations/*.{js,ts}')],
    migrationsTableName: 'schema_migration',
    // Every timestamp the API shows is UTC, and "today" for expiry rules is the UTC date. The trigram threshold is
    // the one search's `q` uses (Q_SIMILARITY).
    extra: { max: poolSize, options: `-c timezone=UTC -c pg_trgm.word_similarity_threshold=${Q_SIMILARITY}` },
  };
}
