import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { lockCredentialNumbers, setAuditContext } from './audit-context';
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
  first_name: string;
  middle_name: string | null;
  last_name: string;
  record_id: string | null;
  record: (RosterFacts & { id: string }) | null;
  held_elsewhere: boolean;
  today: string;
}

const RECHECK_BATCH = 1000;

/** Re-runs the automatic check for existing certifications, in batches, each change audited by the DB trigger. */
@Injectable()
export class CertificationCheckService {
  /** Every live certification whose roster row is listed in the temp table `roster_changed` (made by the import). */
  async recheckChangedRecords(manager: EntityManager, associationId: string): Promise<number> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT c.id FROM certification c JOIN roster_changed ch ON ch.norm = c.credential_number_norm
       WHERE c.association_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id`,
      [associationId],
    );
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += RECHECK_BATCH) {
      await this.recheck(manager, ids.slice(i, i + RECHECK_BATCH), 'system:import', 'rechecked');
    }
    return ids.length;
  }

  async recheck(manager: EntityManager, ids: string[], actor: string, action: string): Promise<void> {
    const norms = await manager.query<{ association_id: string; norm: string }[]>(
      'SELECT DISTINCT association_id, credential_number_norm AS norm FROM certification WHERE id = ANY($1)',
      [ids],
    );
    for (const [associationId, group] of groupBy(norms)) {
      await lockCredentialNumbers(manager, associationId, group);
    }
    await setAuditContext(manager, actor, action);
    const rows = await this.load(manager, ids);
    const claimedHere = new Set<string>();
    const updates = rows.map((row) => {
      const result = this.decide(row, claimedHere.has(row.norm));
      if (result.status === 'verified') {
        claimedHere.add(row.norm);
      }
      return { row, result };
    });
    await manager.query(
      `UPDATE certification c SET status = u.status, status_reason = u.reason, expires_on = u.expires_on,
         roster_record_id = u.record_id, last_checked_at = now(), updated_at = now(),
         verified_at = CASE WHEN u.status = 'verified' AND c.status <> 'verified' THEN now() ELSE c.verified_at END,
         version = c.version + (c.status IS DISTINCT FROM u.status)::int
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::uuid[]) AS u(id, status, reason, expires_on, record_id)
       WHERE c.id = u.id`,
      [
        updates.map((u) => u.row.id),
        updates.map((u) => u.result.status),
        updates.map((u) => u.result.reason),
        updates.map((u) => u.result.expiresOn),
        updates.map((u) => u.row.record_id),
      ],
    );
  }

  private decide(row: CheckRow, verifiedInThisBatch: boolean): CheckResult {
    return checkCertification({
      associationName: row.association_name,
      credentialType: row.credential_type,
      claimedExpiresOn: row.claimed_expires_on,
      claimant: { firstName: row.first_name, middleName: row.middle_name, lastName: row.last_name },
      record: row.record,
      heldVerifiedElsewhere: row.held_elsewhere || verifiedInThisBatch,
      decision: row.decision,
      decisionReason: row.decision_reason,
      today: row.today,
    });
  }

  /** Locks the certifications; the current verified holders come first so they keep the number. */
  private load(manager: EntityManager, ids: string[]): Promise<CheckRow[]> {
    return manager.query<CheckRow[]>(
      `SELECT c.id, c.association_id, a.name AS association_name, c.credential_number_norm AS norm, c.status,
         c.credential_type, to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS claimed_expires_on, c.decision,
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

function groupBy(rows: { association_id: string; norm: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    groups.set(row.association_id, [...(groups.get(row.association_id) ?? []), row.norm]);
  }
  return groups;
}
