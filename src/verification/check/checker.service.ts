import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { lockCredentialNumbers, setAuditContext } from '../status-change';
import { checkCertification, CheckResult, RosterFacts } from './check';

interface CheckRow {
  id: string;
  association_id: string;
  association_name: string;
  norm: string;
  status: string;
  credential_type: string;
  claimed_expires_on: string | null;
  decision: 'verify' | 'reject' | null;
  decision_reason: string | null;
  decided_holder: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  record_id: string | null;
  record: (RosterFacts & { id: string }) | null;
  held_elsewhere: boolean;
  today: string;
}

export interface RecheckOptions {
  /** Why, in the audit trail. */
  reason?: string;
  /** Drop admins' decisions first (they vouched for a name that is no longer the claimant's). */
  forgetDecisions?: boolean;
  /** Write an audit entry for every certification checked, not only those whose status changed. */
  auditEveryCheck?: boolean;
}

const RECHECK_BATCH = 1000;

/**
 * Runs the check again for existing certifications, each change audited by the database trigger. Every path that
 * changes a certification's status takes the same per-number locks first, then reads the roster record: a check can
 * never act on a record another transaction is changing.
 */
@Injectable()
export class CertificationChecker {
  /** Every live certification of the given credential numbers of one association (a roster import changed them). */
  async recheckNumbers(manager: EntityManager, associationId: string, norms: string[]): Promise<number> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM certification WHERE association_id = $1 AND credential_number_norm = ANY($2) AND withdrawn_at IS NULL
       ORDER BY id`,
      [associationId, norms],
    );
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += RECHECK_BATCH) {
      await this.recheck(manager, ids.slice(i, i + RECHECK_BATCH), 'system:import', 'rechecked');
    }
    return ids.length;
  }

  /** Every live certification of a therapist (their legal name changed). */
  async recheckTherapist(
    manager: EntityManager,
    therapistId: string,
    actor: string,
    options: RecheckOptions,
  ): Promise<void> {
    const rows = await manager.query<{ id: string }[]>(
      'SELECT id FROM certification WHERE therapist_id = $1 AND withdrawn_at IS NULL ORDER BY id',
      [therapistId],
    );
    if (rows.length) {
      await this.recheck(
        manager,
        rows.map((r) => r.id),
        actor,
        'rechecked',
        options,
      );
    }
  }

  async recheck(
    manager: EntityManager,
    ids: string[],
    actor: string,
    action: string,
    options: RecheckOptions = {},
  ): Promise<void> {
    await lockNumbersOf(manager, ids);
    await setAuditContext(manager, actor, action, options.reason);
    const rows = await this.load(manager, ids);
    const claimedHere = new Set<string>();
    const updates = rows.map((row) => {
      const result = this.decide(row, claimedHere.has(row.norm), options.forgetDecisions ?? false);
      if (result.status === 'verified') {
        claimedHere.add(row.norm);
      }
      return { row, result };
    });
    await manager.query(
      `UPDATE certification c SET status = u.status, status_reason = u.reason, expires_on = u.expires_on,
         roster_record_id = u.record_id, last_checked_at = now(), updated_at = now(),
         verified_at = CASE WHEN u.status = 'verified' AND c.status <> 'verified' THEN now() ELSE c.verified_at END,
         decision = CASE WHEN u.keeps THEN c.decision END, decided_by = CASE WHEN u.keeps THEN c.decided_by END,
         decided_holder = CASE WHEN u.keeps THEN c.decided_holder END,
         version = c.version + (c.status IS DISTINCT FROM u.status)::int
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::uuid[], $6::boolean[])
         AS u(id, status, reason, expires_on, record_id, keeps)
       WHERE c.id = u.id`,
      [
        updates.map((u) => u.row.id),
        updates.map((u) => u.result.status),
        updates.map((u) => u.result.reason),
        updates.map((u) => u.result.expiresOn),
        updates.map((u) => u.row.record_id),
        updates.map((u) => u.result.keepsDecision && !options.forgetDecisions),
      ],
    );
    const unchanged = updates.filter((u) => u.row.status === u.result.status);
    if (options.auditEveryCheck && unchanged.length) {
      await manager.query(
        `INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason)
         SELECT id, $2, $3, status, status, $4 FROM unnest($1::uuid[], $5::text[]) AS u(id, status)`,
        [
          unchanged.map((u) => u.row.id),
          actor,
          action,
          `${options.reason ?? 'Checked again.'} The status is unchanged.`,
          unchanged.map((u) => u.row.status),
        ],
      );
    }
  }

  private decide(row: CheckRow, verifiedInThisBatch: boolean, forgetDecisions: boolean): CheckResult {
    const decision =
      row.decision && !forgetDecisions
        ? { verdict: row.decision, reason: row.decision_reason ?? '', holder: row.decided_holder }
        : null;
    return checkCertification({
      associationName: row.association_name,
      credentialType: row.credential_type,
      claimedExpiresOn: row.claimed_expires_on,
      claimant: { firstName: row.first_name, middleName: row.middle_name, lastName: row.last_name },
      record: row.record,
      heldVerifiedElsewhere: row.held_elsewhere || verifiedInThisBatch,
      decision,
      today: row.today,
    });
  }

  /** Locks the certifications; the current verified holders come first so they keep the number. */
  private load(manager: EntityManager, ids: string[]): Promise<CheckRow[]> {
    return manager.query<CheckRow[]>(
      `SELECT c.id, c.association_id, a.name AS association_name, c.credential_number_norm AS norm, c.status,
         c.credential_type, to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS claimed_expires_on, c.decision, c.decided_holder,
         (SELECT reason FROM certification_audit au WHERE au.certification_id = c.id AND au.action IN ('verified', 'rejected')
            ORDER BY au.id DESC LIMIT 1) AS decision_reason,
         p.first_name, p.middle_name, p.last_name, r.id AS record_id,
         CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'firstName', r.first_name,
           'middleName', r.middle_name, 'lastName', r.last_name, 'credentialType', r.credential_type, 'status', r.status,
           'expiresOn', to_char(r.expires_on, 'YYYY-MM-DD')) END AS record,
         EXISTS (SELECT 1 FROM certification o WHERE o.association_id = c.association_id
           AND o.credential_number_norm = c.credential_number_norm AND o.therapist_id <> c.therapist_id
           AND o.withdrawn_at IS NULL AND NOT (o.id = ANY($1))
           AND certification_effective_status(o.status, o.expires_on) = 'verified') AS held_elsewhere,
         to_char(current_date, 'YYYY-MM-DD') AS today
       FROM certification c
       JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       LEFT JOIN roster_record r ON r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm
       WHERE c.id = ANY($1)
       ORDER BY (c.status = 'verified') DESC, c.verified_at NULLS LAST, c.created_at, c.id
       FOR UPDATE OF c`,
      [ids],
    );
  }
}

/** Takes the per-number locks of the given certifications (sorted, so that concurrent callers cannot deadlock). */
export async function lockNumbersOf(manager: EntityManager, ids: string[]): Promise<void> {
  const norms = await manager.query<{ association_id: string; norm: string }[]>(
    'SELECT DISTINCT association_id, credential_number_norm AS norm FROM certification WHERE id = ANY($1)',
    [ids],
  );
  const groups = new Map<string, string[]>();
  for (const row of norms) {
    groups.set(row.association_id, [...(groups.get(row.association_id) ?? []), row.norm]);
  }
  // Associations in a fixed order, and each one's slots in order: the same order for every caller.
  for (const [associationId, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    await lockCredentialNumbers(manager, associationId, group);
  }
}
