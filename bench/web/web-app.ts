import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../src/node-flags';

export const WEB_BENCH_PORT = Number(process.env.WEB_BENCH_PORT ?? 3108);
export const WEB_BENCH_ORIGIN = `http://127.0.0.1:${WEB_BENCH_PORT}`;

export interface RunningApp {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The built app as `npm run start:prod` runs it, rate limits off, the in-process search cache off (every request
 * runs the search), logging at warn; `extra` adds settings (demo data).
 */
export async function startWebApp(databaseUrl: string, extra: Record<string, string> = {}): Promise<RunningApp> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(__dirname, '..', '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(WEB_BENCH_PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: WEB_BENCH_ORIGIN,
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      SEARCH_CACHE_MAX_AGE_SECONDS: '0',
      DB_POOL_SIZE: '16',
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 1500) {
      await stop();
      throw new Error('the app did not become ready');
    }
    const ready = await fetch(`${WEB_BENCH_ORIGIN}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      return { child, stop };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
