import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { SEARCH_APPLICATION_NAME } from '../src/database/database.options';

/** Linux clock ticks (USER_HZ) are 10 ms. */
const TICK_MS = 10;

export interface CpuSnapshot {
  machineMs: number;
  benchMs: number;
  appMs: number;
}

/** CPU time per request of one run: the whole machine, this process (pg client or autocannon), the app, the rest. */
export interface CpuPerRequest {
  totalMs: number;
  benchMs: number;
  appMs: number;
  restMs: number;
  /** The search's PostgreSQL backends (set by the caller that watched them). */
  databaseMs?: number;
}

function machineBusyMs(): number {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * TICK_MS;
}

function processMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

export function cpuSnapshot(appPid?: number): CpuSnapshot {
  const { user, system } = process.cpuUsage();
  return { machineMs: machineBusyMs(), benchMs: (user + system) / 1000, appMs: appPid ? processMs(appPid) : 0 };
}

export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuPerRequest {
  const per = (ms: number) => ms / Math.max(1, requests);
  const totalMs = per(after.machineMs - before.machineMs);
  const benchMs = per(after.benchMs - before.benchMs);
  const appMs = per(after.appMs - before.appMs);
  return { totalMs, benchMs, appMs, restMs: Math.max(0, totalMs - benchMs - appMs) };
}

/** The 1, 5 and 15 minute load averages, as `uptime` shows them. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
}

/** CPU ms so far of each PostgreSQL backend serving the search's connections (application_name), by pid. */
export async function searchBackendsMs(client: Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
    [SEARCH_APPLICATION_NAME],
  );
  const result = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      result.set(pid, processMs(pid));
    } catch {
      /* the backend has exited */
    }
  }
  return result;
}

/** PostgreSQL CPU per request of the search's backends between two snapshots (backends new since count in full). */
export function databaseMsPerRequest(
  before: Map<number, number>,
  after: Map<number, number>,
  requests: number,
): number {
  let ms = 0;
  for (const [pid, now] of after) {
    ms += now - (before.get(pid) ?? 0);
  }
  return ms / Math.max(1, requests);
}
