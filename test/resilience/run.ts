/**
 * `npm run resilience`: the built service on a PostgreSQL of its own, probed on loopback; one line per check with its
 * figure. Not part of `npm test`: it kills processes and overloads the machine for a while (a few minutes in all).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { call } from './http';
import { authorizationMatrix, buildWorld, fuzz, jwtForgeries, massAssignment, nestingDepth, Report } from './security';
import {
  crashThenStartEmbedded,
  ctrlCUnderLoadEmbedded,
  idempotencyRaces,
  overload,
  postgresRestart,
  sigkillDuringWrites,
  sigtermUnderLoad,
  sigtermUnderLoadEmbedded,
  uniquenessRaces,
} from './faults';
import { freePort } from '../support/free-port';
import { ADMIN, App, Database, JWT_SECRET } from './service';

const DEADLINE_MS = 20 * 60_000;

async function main(): Promise<number> {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`Resilience suite, ${new Date().toISOString()}, load average ${load()}`);
  const results: boolean[] = [];
  const report: Report = (name, figure, ok) => {
    results.push(ok);
    console.log(`${ok ? '✓' : '✗'} ${name}: ${figure}`);
  };
  const logFile = resolve('.data/resilience-app.log');
  console.log(`… starting PostgreSQL (.data/resilience-pg) and the service (log in ${logFile})`);
  const db = await Database.fresh('.data/resilience-pg');
  const app = new App(
    await freePort(),
    {
      DATABASE_URL: db.url,
      JWT_SECRET,
      SEED_DEMO: 'true',
      DEMO_THERAPISTS: '300',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      EXPIRY_JOB_INTERVAL_SECONDS: '0',
      NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
    },
    logFile,
  );
  const stopAll = async () => {
    await app.stop('SIGKILL').catch(() => undefined);
    await db.stop().catch(() => undefined);
  };
  const deadline = setTimeout(() => {
    console.error(`✗ the suite ran past ${DEADLINE_MS / 60_000} minutes: stopping`);
    void stopAll().finally(() => process.exit(2));
  }, DEADLINE_MS);
  try {
    await app.start();
    const world = await buildWorld(app.url);
    const faults = {
      app,
      db,
      admin: world.actors.find((a) => a.role === 'platform_admin')!.headers,
    };
    const checks: [string, () => Promise<void>][] = [
      ['authorization matrix', () => authorizationMatrix(world, report)],
      ['mass assignment', () => massAssignment(world, report)],
      ['JWT forgeries', () => jwtForgeries(world, report)],
      ['fuzz', () => fuzz(world, report)],
      ['nesting depth', () => nestingDepth(world, report)],
      ['uniqueness races', () => uniquenessRaces(faults, report)],
      ['idempotency races', () => idempotencyRaces(faults, report)],
      ['app SIGKILL during writes', () => sigkillDuringWrites(faults, report)],
      ['PostgreSQL restart', () => postgresRestart(faults, report)],
      ['SIGTERM under load', () => sigtermUnderLoad(faults, report)],
      ['SIGTERM under load, embedded PostgreSQL', () => sigtermUnderLoadEmbedded(report)],
      ['Ctrl-C under load, embedded PostgreSQL', () => ctrlCUnderLoadEmbedded(report)],
      ['crash, then start again, embedded PostgreSQL', () => crashThenStartEmbedded(report)],
      ['overload at 1,000 connections', () => overload(faults, report)],
    ];
    // `npm run resilience -- overload sigterm`: only the checks whose names contain one of the words.
    const only = process.argv.slice(2).map((w) => w.toLowerCase());
    for (const [name, check] of checks.filter(([n]) => !only.length || only.some((w) => n.toLowerCase().includes(w)))) {
      console.log(`… ${name}`);
      await check().catch(async (error: unknown) => {
        report(name, `did not run to the end: ${error instanceof Error ? error.message : String(error)}`, false);
        if ((await call(app.url, '/health/live')).status !== 200) {
          await app.start();
        }
      });
    }
  } finally {
    clearTimeout(deadline);
    await stopAll();
  }
  const met = results.filter(Boolean).length;
  console.log(`${met} of ${results.length} checks met their goal; load average ${load()}`);
  return met === results.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
