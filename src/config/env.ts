import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value !== '' ? ['true', '1', 'yes', 'on'].includes(value.toLowerCase()) : value;

function trustProxy(value: unknown): boolean | number | string {
  if (typeof value !== 'string' || value.trim() === '' || value === 'false') {
    return typeof value === 'boolean' || typeof value === 'number' ? value : false;
  }
  if (value === 'true') {
    return true;
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Only development may run without a JWT secret of its own: the embedded database is never shared. */
export const DEV_JWT_SECRET = 'embedded-development-secret-do-not-use-in-production';

export class Env {
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsString() EMBEDDED_PG_DIR: string = '.data/pg';
  @IsInt() @Min(1) @Max(65535) EMBEDDED_PG_PORT: number = 54329;

  @IsInt() @Min(0) @Max(65535) PORT: number = 3000;
  @IsString() HOST: string = '0.0.0.0';
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-*): `false` (default, none), `true`
   * (any), a hop count, or comma-separated addresses/CIDRs, as Fastify's trustProxy takes them.
   */
  @Transform(({ value }: { value: unknown }) => trustProxy(value)) TRUST_PROXY: boolean | number | string = false;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;
  @IsString() JWT_ISSUER: string = 'nmt-directory';
  @IsString() JWT_AUDIENCE: string = 'nmt-directory-api';
  @IsInt() @Min(60) ACCESS_TOKEN_TTL_SECONDS: number = 900;
  @IsInt() @Min(3600) REFRESH_TOKEN_TTL_SECONDS: number = 30 * 24 * 3600;

  @IsOptional() @IsString() BOOTSTRAP_ADMIN_EMAIL?: string;
  @IsOptional() @IsString() BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional() @Transform(toBool) @IsBoolean() SEED_DEMO?: boolean;
  @IsInt() @Min(0) DEMO_THERAPISTS: number = 3000;

  /**
   * `redis://[:password@]host:port[/db]`: rate limits, partner key changes and the search cache are shared by every
   * instance through it. Unset: each instance keeps its own (one instance).
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;
  /** Prefix of every Redis key and channel, so that several directories can share one Redis. */
  @IsString() REDIS_KEY_PREFIX: string = 'nmt:';
  /** Requests handled at once; past it the service answers 503 with Retry-After at once instead of queueing. */
  @IsInt() @Min(1) MAX_IN_FLIGHT_REQUESTS: number = 200;

  @IsIn(['on', 'off']) RATE_LIMITS: 'on' | 'off' = 'on';
  @IsInt() @Min(1) AUTH_RATE_LIMIT: number = 20;
  @IsInt() @Min(1) AUTH_RATE_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) LOGIN_FAILURE_LIMIT: number = 10;
  @IsInt() @Min(1) LOGIN_FAILURE_WINDOW_SECONDS: number = 900;
  @IsInt() @Min(1) PUBLIC_LOOKUP_RATE_LIMIT: number = 60;
  @IsInt() @Min(1) PUBLIC_LOOKUP_RATE_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) POSTING_RATE_LIMIT: number = 10;
  @IsInt() @Min(1) POSTING_RATE_WINDOW_SECONDS: number = 3600;
  @IsInt() @Min(1) PARTNER_RATE_LIMIT: number = 600;
  @IsInt() @Min(1) PAGE_RATE_LIMIT: number = 300;
  @IsInt() @Min(1) PAGE_RATE_WINDOW_SECONDS: number = 60;

  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsInt() @Min(0) SEARCH_CACHE_MAX_AGE_SECONDS: number = 30;
  @IsInt() @Min(0) NEW_ACCOUNT_REVIEW_HOLD_HOURS: number = 72;
  @IsInt() @Min(1) DB_POOL_SIZE: number = 10;
  /** The search's own connections (opened at start, kept open); see docs/configuration.md for sizing. */
  @IsInt() @Min(1) SEARCH_POOL_SIZE: number = 4;
  /** How long opening a database connection (or waiting for a free one in the pool) may take before a 503. */
  @IsInt() @Min(1) DB_CONNECT_TIMEOUT_SECONDS: number = 10;
  /** How long one SQL statement of a request may run before PostgreSQL cancels it (a 503); 0: no limit. */
  @IsInt() @Min(0) DB_STATEMENT_TIMEOUT_SECONDS: number = 30;
  /** How long a transaction may sit idle before PostgreSQL ends its session; 0: no limit. */
  @IsInt() @Min(0) DB_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: number = 60;
  /** How long start-up waits for the database to answer, retrying with back-off, before giving up; 0: forever. */
  @IsInt() @Min(0) DB_STARTUP_WAIT_SECONDS: number = 120;
  /** How long the whole request (headers and body) may take to arrive before a 408 (a 50 MB roster needs ~0.5 MB/s). */
  @IsInt() @Min(1) REQUEST_TIMEOUT_SECONDS: number = 120;
  /** On SIGTERM/SIGINT: how long requests in flight may finish before their connections are closed. */
  @IsInt() @Min(0) SHUTDOWN_DRAIN_SECONDS: number = 10;

  /** How often certifications past their expiry are moved to `expired` and reminders queued; 0 disables the job. */
  @IsInt() @Min(0) EXPIRY_JOB_INTERVAL_SECONDS: number = 3600;
  /** How often the mail worker looks for mail to send (and queues the daily summaries); 0 disables the worker. */
  @IsInt() @Min(0) NOTICE_DELIVERY_INTERVAL_SECONDS: number = 5;

  /** `smtp://user:pass@host:port` or `smtps://…` (implicit TLS). Unset: mail is written under MAIL_DIR instead. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must look like smtp://user:pass@host:port' })
  SMTP_URL?: string;
  @IsString() MAIL_FROM: string = 'NMT Directory <no-reply@localhost>';
  /** Where the public reaches the service: links in mail, pages, FHIR resources and credentials. Default http://localhost:${PORT}. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' }) PUBLIC_URL?: string;
  /** Where the embedded default (no SMTP_URL) keeps each message as an .eml file. */
  @IsString() MAIL_DIR: string = '.data/mail';
  /** Attempts before a mail that keeps failing temporarily is kept as failed. */
  @IsInt() @Min(1) MAIL_MAX_ATTEMPTS: number = 8;
  /** First retry delay; each further attempt waits twice as long. */
  @IsInt() @Min(0) MAIL_RETRY_BASE_SECONDS: number = 60;
  /** How long a worker may hold a mail it is sending before the row counts as interrupted. */
  @IsInt() @Min(30) MAIL_SEND_LEASE_SECONDS: number = 300;
  /** Password-reset requests per e-mail address and window (the same whether or not the account exists). */
  @IsInt() @Min(1) PASSWORD_RESET_LIMIT: number = 5;
  @IsInt() @Min(1) PASSWORD_RESET_WINDOW_SECONDS: number = 3600;
  /** The private JWK that signs verifiable credentials; without it, a key generated once and kept in the database. */
  @IsOptional() @IsString() CREDENTIAL_SIGNING_KEY?: string;
  /** Public JWKs (a JSON array or JWKS) of former signing keys: they stay in the JWKS so their credentials verify. */
  @IsOptional() @IsString() CREDENTIAL_RETIRED_KEYS?: string;
  /** How long a status list may be served from cache; a revocation shows within this time. */
  @IsInt() @Min(0) @Max(300) CREDENTIAL_STATUS_MAX_AGE_SECONDS: number = 60;
}

export type EnvInput = Record<string, string | undefined>;

/** `tool`: a command-line job that signs no tokens (migrations, seeding), so JWT_SECRET is not needed. */
export function validateEnv(raw: EnvInput, purpose: 'server' | 'tool' = 'server'): Env {
  const env = plainToInstance(Env, raw, { enableImplicitConversion: true, excludeExtraneousValues: false });
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (purpose === 'server' && env.DATABASE_URL && !env.JWT_SECRET) {
    problems.push(
      '  JWT_SECRET: required when DATABASE_URL is set (only the embedded development database has a default)',
    );
  }
  if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('  BOOTSTRAP_ADMIN_EMAIL/BOOTSTRAP_ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length) {
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  env.JWT_SECRET ??= DEV_JWT_SECRET;
  env.PUBLIC_URL = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return env;
}
