import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { Q_SIMILARITY } from '../search/search-sql';

/** What the service allows the database before answering 503 (the tools — migrations, seeding, imports — wait). */
export interface DatabaseTimeouts {
  connectSeconds: number;
  statementSeconds: number;
  idleInTransactionSeconds: number;
}

export function databaseOptions(url: string, poolSize = 10, timeouts?: DatabaseTimeouts): DataSourceOptions {
  const limits = timeouts
    ? ` -c statement_timeout=${timeouts.statementSeconds}s` +
      ` -c idle_in_transaction_session_timeout=${timeouts.idleInTransactionSeconds}s`
    : '';
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
    extra: {
      max: poolSize,
      connectionTimeoutMillis: timeouts ? timeouts.connectSeconds * 1000 : undefined,
      options: `-c timezone=UTC -c pg_trgm.word_similarity_threshold=${Q_SIMILARITY}${limits}`,
    },
  };
}
