import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { Answer, call } from './http';
import { Report, timed } from './security';
import { freePort } from '../support/free-port';
import { App, Database, sleep } from './service';

export interface Faults {
  app: App;
  db: Database;
  admin: Record<string, string>;
}

function createAssociation(f: Faults, slug: string, headers: Record<string, string> = {}): Promise<Answer> {
  return call(f.app.url, '/api/v1/associations', {
    method: 'POST',
    headers: { ...f.admin, ...headers },
    body: { slug, name: `Association ${slug}`, credentialTypes: ['NMT'] },
  });
}

export async function uniquenessRaces(f: Faults, report: Report): Promise<void> {
  let duplicates = 0;
  let fiveHundreds = 0;
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    const email = `race-${randomUUID().slice(0, 8)}@example.test`;
    const slug = `race-${randomUUID().slice(0, 8)}`;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () =>
        call(f.app.url, '/api/v1/auth/register', {
          method: 'POST',
          body: { email, password: 'race password long enough 42', role: 'client', name: 'Race Client' },
        }),
      ),
      ...Array.from({ length: 10 }, () => createAssociation(f, slug)),
    ]);
    fiveHundreds += answers.filter((a) => a.status >= 500).length;
    const [users] = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user WHERE email = $1', [
      email,
    ]);
    const [associations] = await f.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM association WHERE slug = $1',
      [slug],
    );
    duplicates += Math.max(0, users.n - 1) + Math.max(0, associations.n - 1);
  }
  report(
    'uniqueness races',
    `${rounds} rounds of 10 sign-ups with one e-mail and 10 creations of one association at once: ${duplicates} duplicates, ${fiveHundreds} 5xx`,
    duplicates === 0 && fiveHundreds === 0,
  );
}

export async function idempotencyRaces(f: Faults, report: Report): Promise<void> {
  let duplicates = 0;
  let fiveHundreds = 0;
  let differentAnswers = 0;
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    const slug = `idem-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => createAssociation(f, slug, { 'Idempotency-Key': key })),
    );
    fiveHundreds += answers.filter((a) => a.status >= 500).length;
    // Each answer is the first one replayed, or 409 while it is still being made.
    differentAnswers += answers.filter((a) => ![201, 409].includes(a.status)).length;
    const [row] = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM association WHERE slug = $1', [slug]);
    duplicates += Math.max(0, row.n - 1);
  }
  report(
    'idempotency races',
    `${rounds} rounds of 20 identical POSTs with one Idempotency-Key at once: ${duplicates} duplicates, ` +
      `${differentAnswers} answers other than the replay or 409, ${fiveHundreds} 5xx`,
    duplicates === 0 && fiveHundreds === 0 && differentAnswers === 0,
  );
}

/** Writers creating associations until stopped; the slugs the service acknowledged (201). */
function writers(f: Faults, width: number): { stop(): Promise<{ acknowledged: string[]; fiveHundreds: number }> } {
  let running = true;
  const acknowledged: string[] = [];
  let fiveHundreds = 0;
  const run = Promise.all(
    Array.from({ length: width }, async () => {
      while (running) {
        const slug = `w-${randomUUID().slice(0, 12)}`;
        const res = await createAssociation(f, slug);
        if (res.status === 201) {
          acknowledged.push(slug);
        } else if (res.status >= 500) {
          fiveHundreds++;
        }
        if (res.status === 0 || res.status >= 500) {
          await sleep(50);
        }
      }
    }),
  );
  return {
    stop: async () => {
      running = false;
      await run;
      return { acknowledged, fiveHundreds };
    },
  };
}

async function lost(f: Faults, slugs: string[]): Promise<number> {
  const rows = await f.db.query<{ slug: string }>('SELECT slug FROM association WHERE slug = ANY($1)', [slugs]);
  return slugs.length - rows.length;
}

export async function sigkillDuringWrites(f: Faults, report: Report): Promise<void> {
  const kills = 3;
  let acknowledged = 0;
  let missing = 0;
  let restartMs = 0;
  for (let i = 0; i < kills; i++) {
    const load = writers(f, 16);
    await sleep(1500);
    await f.app.stop('SIGKILL');
    const result = await load.stop();
    restartMs = Math.max(restartMs, await timed(() => f.app.start()));
    acknowledged += result.acknowledged.length;
    missing += await lost(f, result.acknowledged);
    console.log(`    SIGKILL ${i + 1} of ${kills}: service back`);
  }
  report(
    'app SIGKILL during writes',
    `${kills} kills under 16 writers: ${missing} of ${acknowledged} acknowledged writes lost; back within ${restartMs} ms`,
    missing === 0,
  );
}

export async function postgresRestart(f: Faults, report: Report): Promise<void> {
  const load = writers(f, 8);
  await sleep(1000);
  const downAt = Date.now();
  await f.db.stop();
  await sleep(2000);
  await f.db.start();
  const upAt = Date.now();
  let recoveredMs = -1;
  while (Date.now() - upAt < 30_000) {
    if ((await createAssociation(f, `pg-${randomUUID().slice(0, 8)}`)).status === 201) {
      recoveredMs = Date.now() - upAt;
      break;
    }
    await sleep(100);
  }
  await sleep(500);
  const result = await load.stop();
  const missing = await lost(f, result.acknowledged);
  report(
    'PostgreSQL restart',
    `down ${upAt - downAt} ms under 8 writers: ${missing} of ${result.acknowledged.length} acknowledged writes lost, ` +
      `${result.fiveHundreds} 5xx while it was down, writes succeed again ${recoveredMs < 0 ? 'never (30 s)' : `${recoveredMs} ms`} after it is back`,
    missing === 0 && recoveredMs >= 0,
  );
}

export async function sigtermUnderLoad(f: Faults, report: Report): Promise<void> {
  const outcome = await loadThenStop(f.app, () => f.app.stop('SIGTERM'));
  await f.app.start();
  report('SIGTERM under load', outcome.figure, outcome.ok);
}

/**
 * The same on the default a newcomer runs (`npm start` without DATABASE_URL): the service's own embedded PostgreSQL
 * must outlive the drain, not be stopped the moment the signal arrives.
 */
export async function sigtermUnderLoadEmbedded(report: Report): Promise<void> {
  const { app } = await embeddedService('sigterm', false);
  await app.start();
  const outcome = await loadThenStop(app, () => app.stop('SIGTERM'), 'SIGTERM');
  report('SIGTERM under load, embedded PostgreSQL', outcome.figure, outcome.ok);
}

/**
 * Ctrl-C in the terminal that runs `npm start`: the terminal sends SIGINT to every process of its foreground group.
 * The embedded PostgreSQL must not take it as its own signal to stop (a fast shutdown that ends every connection of
 * the draining service); the service stops it once the drain is over.
 */
export async function ctrlCUnderLoadEmbedded(report: Report): Promise<void> {
  const { app, port } = await embeddedService('ctrl-c', true);
  await app.start();
  const outcome = await loadThenStop(app, () => app.interrupt(), 'SIGINT to the process group');
  const stillUp = await postgresAnswers(port);
  report(
    'Ctrl-C under load, embedded PostgreSQL',
    `${outcome.figure}; the embedded PostgreSQL ${stillUp ? 'still runs' : 'stopped with it'}`,
    outcome.ok && !stillUp,
  );
}

async function embeddedService(name: string, ownGroup: boolean): Promise<{ app: App; port: number; dir: string }> {
  const dir = `.data/resilience-embedded-${name}`;
  rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  return { app: await embeddedApp(dir, port, ownGroup), port, dir };
}

/** A service on the embedded PostgreSQL in `dir` at `port`, as `npm start` runs it without DATABASE_URL. */
async function embeddedApp(dir: string, port: number, ownGroup = false): Promise<App> {
  return new App(
    await freePort(),
    {
      DATABASE_URL: undefined,
      EMBEDDED_PG_DIR: dir,
      EMBEDDED_PG_PORT: String(port),
      DEMO_THERAPISTS: '300',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      EXPIRY_JOB_INTERVAL_SECONDS: '0',
      NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
    },
    resolve(`${dir}.log`),
    ownGroup,
  );
}

/** Whether a PostgreSQL answers on the port (an authentication error is an answer). */
async function postgresAnswers(port: number): Promise<boolean> {
  const probe = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres' });
  return probe.connect().then(
    () => probe.end().then(() => true),
    (error: { code?: string }) => error.code !== 'ECONNREFUSED',
  );
}

/**
 * The service killed outright (SIGKILL) leaves its embedded PostgreSQL running, in a session of its own. The next start must stop that server and carry on, not refuse because the data folder is in use; a second
 * service started while the first runs must refuse, and leave the first one's server alone.
 */
export async function crashThenStartEmbedded(report: Report): Promise<void> {
  const { app, port, dir } = await embeddedService('crash', false);
  try {
    await crashThenStart(app, port, dir, report);
  } finally {
    stopLeftoverServer(dir);
  }
}

async function crashThenStart(app: App, port: number, dir: string, report: Report): Promise<void> {
  await app.start();
  await app.stop('SIGKILL');
  const leftRunning = await postgresAnswers(port);
  await app.start(60_000);
  const searched = await call(app.url, '/api/v1/search/therapists?postalCode=10001&verifiedOnly=false');
  const second = await embeddedApp(dir, port);
  const secondRefused = await second.start(60_000).then(
    async () => {
      await second.stop('SIGTERM');
      return false;
    },
    () => true,
  );
  const firstStillAnswers = (await call(app.url, '/api/v1/search/therapists?postalCode=10001&verifiedOnly=false'))
    .status;
  const { code } = await app.stop('SIGTERM');
  const stopped = !(await postgresAnswers(port));
  report(
    'crash, then start again, embedded PostgreSQL',
    `after SIGKILL the server ${leftRunning ? 'was left running' : 'had stopped'}; the next start answered a search ` +
      `${searched.status}; a second service on the same folder was ${secondRefused ? 'refused' : 'NOT refused'}, the ` +
      `first then answered ${firstStillAnswers}; exit ${code}, the server ${stopped ? 'stopped' : 'still runs'}`,
    leftRunning && searched.status === 200 && secondRefused && firstStillAnswers === 200 && code === 0 && stopped,
  );
}

/** A server the check left running when it failed: stopped by its postmaster's pid (SIGINT, a fast shutdown). */
function stopLeftoverServer(dir: string): void {
  try {
    process.kill(Number(readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[0]), 'SIGINT');
  } catch {
    // none left
  }
}

/** 32 clients search; `stop` after 1.5 s. Met when none lost its answer or got a 5xx, and the exit was clean. */
async function loadThenStop(
  app: App,
  stop: () => Promise<{ ms: number; code: number | null }>,
  signal = 'SIGTERM',
): Promise<{ figure: string; ok: boolean }> {
  let answered = 0;
  let failed = 0;
  let refused = 0;
  let dropped = 0;
  const reasons = new Set<string>();
  let running = true;
  const clients = Promise.all(
    Array.from({ length: 32 }, async () => {
      while (running) {
        // A radius of its own per request: the response cache must not answer in place of the database.
        const radiusKm = (10 + Math.random() * 40).toFixed(3);
        const res = await call(
          app.url,
          `/api/v1/search/therapists?postalCode=10001&verifiedOnly=false&radiusKm=${radiusKm}`,
        );
        if (res.status >= 500) {
          failed++;
          reasons.add(String(res.status));
        } else if (res.status > 0) {
          answered++;
        } else if (res.error === 'ECONNREFUSED') {
          refused++; // the listener is closed: never accepted, a client retries elsewhere
          await sleep(20);
        } else {
          dropped++;
          reasons.add(res.error ?? 'unknown');
        }
      }
    }),
  );
  await sleep(1500);
  const { ms, code } = await stop();
  running = false;
  await clients;
  return {
    figure:
      `32 clients: ${answered} answered, ${failed} 5xx, ${dropped} dropped${reasons.size ? ` (${[...reasons].join(', ')})` : ''}, ` +
      `${refused} refused after the listener closed; exited with ${code} ${ms} ms after ${signal}`,
    ok: dropped === 0 && failed === 0 && code === 0,
  };
}

export async function overload(f: Faults, report: Report): Promise<void> {
  let worstLiveness = 0;
  let livenessFailures = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const started = Date.now();
      const res = await call(f.app.url, '/health/live', { timeoutMs: 10_000 });
      worstLiveness = Math.max(worstLiveness, Date.now() - started);
      if (res.status !== 200) {
        livenessFailures++;
      }
      await sleep(500);
    }
  })();
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: `${f.app.url}/api/v1/search/therapists?postalCode=10001&verifiedOnly=false`,
    connections: 1000,
    duration: 10,
    timeout: 10,
  } as Parameters<typeof autocannon>[0]);
  (instance as unknown as EventEmitter).on('response', (_client: unknown, status: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  watching = false;
  await watcher;
  await sleep(1000);
  const after = await timed(async () => {
    const res = await call(f.app.url, '/api/v1/search/therapists?postalCode=10001&verifiedOnly=false&radiusKm=40');
    if (res.status !== 200) {
      throw new Error(`a search after the overload answered ${res.status || res.error}`);
    }
  }).catch(() => -1);
  const answered = Object.entries(statuses)
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
  report(
    'overload at 1,000 connections',
    `10 s: ${answered || 'no answers'}; ${result.errors} errors, ${result.timeouts} timeouts; ` +
      `/health/live at worst ${worstLiveness} ms (${livenessFailures} failed); a search after: ${after < 0 ? 'FAILED' : `${after} ms`}`,
    after >= 0 && livenessFailures === 0,
  );
}
