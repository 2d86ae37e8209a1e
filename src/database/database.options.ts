import { join } from 'node:path';
import { PoolConfig } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { Q_SIMILARITY } from '../search/search-sql';

/**
 * Settings of every connection. Every timestamp the API shows is UTC, and "today" for expiry rules is the UTC date.
 * The trigram threshold is the one search's `q` uses (Q_SIMILARITY).
 */
export const CONNECTION_SETTINGS = `-c timezone=UTC -c pg_trgm.word_similarity_threshold=${Q_SIMILARITY}`;

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
    extra: {
      max: poolSize,
      connectionTimeoutMillis: timeouts ? timeouts.connectSeconds * 1000 : undefined,
      options: `${CONNECTION_SETTINGS}${limits}`,
    } satisfies PoolExtra,
  };
}

/**
 * The search's own connections: its named statements always run their generic plan. PostgreSQL would otherwise plan
 * the first five executions of every statement shape on every connection with the actual values, and with a dense
 * city's box those custom plans count the capped total with a bitmap scan that reads every match in the box before
 * the limit applies (21,000 index entries around Manhattan for one condition: 15–230 ms instead of 0.1 ms).
 */
export function searchPoolConfig(url: string, extra: PoolExtra): PoolConfig {
  return {
    connectionString: url,
    max: extra.max,
    connectionTimeoutMillis: extra.connectionTimeoutMillis,
    // Kept open: a new connection would plan every statement again and load the catalog entries it needs.
    idleTimeoutMillis: 0,
    application_name: SEARCH_APPLICATION_NAME,
    options: `${extra.options ?? CONNECTION_SETTINGS} -c plan_cache_mode=force_generic_plan`,
  };
}

/** The pool settings databaseOptions puts in `extra` (the search's own pool starts from the same). */
export interface PoolExtra {
  max: number;
  connectionTimeoutMillis?: number;
  options?: string;
}

/** How the search's connections name themselves in pg_stat_activity. */
export const SEARCH_APPLICATION_NAME = 'nmt-search';
