import { EntityManager } from 'typeorm';

export type SystemActor = 'system:import' | 'system:expiry' | 'system:check';

/**
 * Sets who and why for the audit trigger on `certification`, for the current transaction only.
 * The trigger refuses a status change without an actor, so no code path can change a status silently.
 */
export async function setAuditContext(
  manager: EntityManager,
  actor: string,
  action: string,
  reason: string | null = null,
): Promise<void> {
  await manager.query(
    `SELECT set_config('app.actor', $1, true), set_config('app.action', $2, true), set_config('app.reason', $3, true)`,
    [actor, action, reason ?? ''],
  );
}

/**
 * The SQL that takes the lock slots of the credential numbers a query yields (column `norm`), one association ($1):
 * numbers map to 1024 slots per association (a rare shared slot only makes two numbers take turns), taken in order,
 * so that concurrent callers cannot deadlock and even a million-row import holds at most 1024 locks.
 */
export const LOCK_NUMBER_SLOTS = (numbers: string) => `
  SELECT pg_advisory_xact_lock(hashtext($1::text), slot)
  FROM (SELECT DISTINCT hashtext(norm) & 1023 AS slot FROM (${numbers}) AS numbers ORDER BY slot) AS slots`;

/**
 * Serialises every path that changes the status of a certification of these credential numbers (claim, import,
 * decision, legal-name change), so that two claims cannot both become a number's verified holder and no check or
 * decision acts on a roster record another transaction is changing: each takes the locks, then reads the record.
 */
export async function lockCredentialNumbers(
  manager: EntityManager,
  associationId: string,
  norms: string[],
): Promise<void> {
  if (norms.length) {
    await manager.query(LOCK_NUMBER_SLOTS('SELECT unnest($2::text[]) AS norm'), [associationId, norms]);
  }
}

/** One roster import of an association at a time. */
export async function lockRoster(manager: EntityManager, associationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('roster:' || $1, 0))`, [associationId]);
}
