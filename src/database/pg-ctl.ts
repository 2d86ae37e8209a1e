import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The user and group the server runs as: the postgres system user's when this process runs as root, else this one's. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * The server, run through its own `pg_ctl` rather than as a child of this process. `pg_ctl` starts it in a session of
 * its own, so that Ctrl-C in the terminal, which signals every process of the foreground group, reaches the service
 * and not PostgreSQL: the service drains its requests and then stops the server. Spawned directly, as the library
 * does, PostgreSQL took that SIGINT as a fast shutdown and ended the connections of requests still being answered.
 * If this process exits without stopping it, the server is stopped on the way out.
 */
export class PgCtl {
  private running = true;
  private readonly stopOnExit = () => {
    if (this.running) {
      spawnSync(this.pgCtl, stopArguments(this.databaseDir), { ...this.ids, stdio: 'ignore' });
    }
  };

  private constructor(
    private readonly pgCtl: string,
    private readonly databaseDir: string,
    private readonly ids: RunAs,
  ) {
    process.once('exit', this.stopOnExit);
  }

  static async start(pgCtl: string, databaseDir: string, port: number, ids: RunAs): Promise<PgCtl> {
    await stopIfOrphaned(pgCtl, databaseDir, ids);
    const log = resolve(databaseDir, SERVER_LOG);
    const args = ['start', '--wait', '--timeout=120', '-D', databaseDir, '-l', log, '-o', `-p ${port}`];
    const started = await run(pgCtl, args, ids);
    if (!started.ok) {
      throw new Error(`${started.output.trim()}\n${tail(log)}`);
    }
    writeFileSync(resolve(databaseDir, OWNER_FILE), String(process.pid));
    return new PgCtl(pgCtl, databaseDir, ids);
  }

  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    const stopped = await run(this.pgCtl, stopArguments(this.databaseDir), this.ids);
    this.running = false;
    process.removeListener('exit', this.stopOnExit);
    if (!stopped.ok) {
      throw new Error(`the embedded PostgreSQL did not stop: ${stopped.output.trim()}`);
    }
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
async function stopIfOrphaned(pgCtl: string, databaseDir: string, ids: RunAs): Promise<void> {
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

function run(command: string, args: string[], ids: RunAs): Promise<{ ok: boolean; output: string }> {
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
