import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HELD_ELSEWHERE, JOIN_RECORD, RECORD_FACTS, RecordFacts } from '../certifications.repository';
import { CheckResult } from './check';

export interface CheckRow {
  id: string;
  associationName: string;
  norm: string;
  status: string;
  credentialType: string;
  claimedExpiresOn: string | null;
  decision: 'verify' | 'reject' | null;
  decisionReason: string | null;
  decidedHolder: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  record: RecordFacts | null;
  heldElsewhere: boolean;
  today: string;
}

export interface CheckOutcome {
  id: string;
  result: CheckResult;
  recordId: string | null;
  keepsDecision: boolean;
}

@Injectable()
export class CheckRepository {
  async liveClaimsOfNumbers(m: EntityManager, associationId: string, norms: string[]): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM certification WHERE association_id = $1 AND credential_number_norm = ANY($2) AND withdrawn_at IS NULL
       ORDER BY id`,
      [associationId, norms],
    );
    return rows.map((r) => r.id);
  }

  async liveClaimsOfTherapist(m: EntityManager, therapistId: string): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      'SELECT id FROM certification WHERE therapist_id = $1 AND withdrawn_at IS NULL ORDER BY id',
      [therapistId],
    );
    return rows.map((r) => r.id);
  }

  numbersOf(m: EntityManager, ids: string[]): Promise<{ associationId: string; norm: string }[]> {
    return m.query(
      `SELECT DISTINCT association_id AS "associationId", credential_number_norm AS norm FROM certification
       WHERE id = ANY($1)`,
      [ids],
    );
  }

  /** Locks the certifications and reads them with their records; the current verified holders first, so they keep the number. */
  load(m: EntityManager, ids: string[]): Promise<CheckRow[]> {
    return m.query<CheckRow[]>(
      `SELECT c.id, a.name AS "associationName", c.credential_number_norm AS norm, c.status,
         c.credential_type AS "credentialType", to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS "claimedExpiresOn",
         c.decision, c.decided_holder AS "decidedHolder",
         (SELECT reason FROM certification_audit au WHERE au.certification_id = c.id AND au.action IN ('verified', 'rejected')
            ORDER BY au.id DESC LIMIT 1) AS "decisionReason",
         p.first_name AS "firstName", p.middle_name AS "middleName", p.last_name AS "lastName",
         ${RECORD_FACTS} AS record, ${HELD_ELSEWHERE('$1')} AS "heldElsewhere",
         to_char(current_date, 'YYYY-MM-DD') AS today
       FROM certification c
       JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       ${JOIN_RECORD}
       WHERE c.id = ANY($1)
       ORDER BY (c.status = 'verified') DESC, c.verified_at NULLS LAST, c.created_at, c.id
       FOR UPDATE OF c`,
      [ids],
    );
  }

  async save(m: EntityManager, outcomes: CheckOutcome[]): Promise<void> {
    await m.query(
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
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.result.status),
        outcomes.map((o) => o.result.reason),
        outcomes.map((o) => o.result.expiresOn),
        outcomes.map((o) => o.recordId),
        outcomes.map((o) => o.keepsDecision),
      ],
    );
  }

  /** Trail entries for checks that left the status as it was (the trigger writes one only on a change). */
  async auditUnchanged(
    m: EntityManager,
    unchanged: { id: string; status: string }[],
    actor: string,
    action: string,
    reason: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason)
       SELECT id, $2, $3, status, status, $4 FROM unnest($1::uuid[], $5::text[]) AS u(id, status)`,
      [unchanged.map((u) => u.id), actor, action, reason, unchanged.map((u) => u.status)],
    );
  }
}
