import { ChildProcess, spawn } from 'node:child_process';
import { openSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { NODE_FLAGS } from '../../src/node-flags';
import { freePort } from '../support/free-port';

export const JWT_SECRET = 'resilience-suite-secret-that-is-long-enough-for-hs256';
export const ADMIN = { email: 'resilience-admin@example.test', password: 'resilience admin password 42' };

/** A PostgreSQL of the suite's own (embedded, under .data/resilience-pg): restarting it disturbs nobody else. */
export class Database {
  private server?: EmbeddedDatabase;
  url = '';

  constructor(
    private readonly dir: string,
    private readonly port: number,
  ) {}

  static async fresh(dir: string): Promise<Database> {
    rmSync(dir, { recursive: true, force: true });
    const db = new Database(dir, await freePort());
    await db.start();
    return db;
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres(this.dir, this.port, 'nmt');
    this.url = this.server.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

/** The built service (`dist/src/main.js`) as its own process, its log in a file. */
export class App {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly url: string;

  constructor(
    private readonly port: number,
    /** On top of this process's environment; `undefined` removes a variable. */
    private readonly env: Record<string, string | undefined>,
    private readonly logFile: string,
    /** Leads a process group of its own, as a command started in a terminal does: see interrupt(). */
    private readonly ownGroup = false,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(timeoutMs = 180_000): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [...NODE_FLAGS, 'dist/src/main.js'], {
      env: Object.fromEntries(
        Object.entries({ ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' }).filter(
          ([, value]) => value !== undefined,
        ),
      ),
      stdio: ['ignore', log, log],
      detached: this.ownGroup,
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (child.exitCode !== null) {
        throw new Error(`the service exited with ${child.exitCode} during start-up; see ${this.logFile}`);
      }
      const ready = await fetch(`${this.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) {
        return;
      }
      await sleep(250);
    }
    throw new Error(`the service was not ready within ${timeoutMs / 1000} s; see ${this.logFile}`);
  }

  /** Sends `signal`; resolves when the process is gone, with how long that took and its exit code. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ ms: number; code: number | null }> {
    return this.exitAfter(() => this.child?.kill(signal));
  }

  /** Ctrl-C in the terminal: SIGINT to every process of the group (the service and whatever it started in it). */
  interrupt(): Promise<{ ms: number; code: number | null }> {
    const group = this.child?.pid;
    if (!this.ownGroup || !group) {
      throw new Error('interrupt() needs a service started in a process group of its own');
    }
    return this.exitAfter(() => process.kill(-group, 'SIGINT'));
  }

  private async exitAfter(send: () => void): Promise<{ ms: number; code: number | null }> {
    const started = Date.now();
    send();
    const code = (await this.exited) ?? null;
    return { ms: Date.now() - started, code };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
