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

/** Serialises every check of one credential number, so two claims cannot both become its verified holder. */
export async function lockCredentialNumbers(
  manager: EntityManager,
  associationId: string,
  norms: string[],
): Promise<void> {
  const keys = [...new Set(norms)].sort().map((n) => `${associationId}:${n}`);
  if (keys.length) {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k', [keys]);
  }
}
