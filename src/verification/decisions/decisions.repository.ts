import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CERTIFICATION_COLUMNS, JOIN_RECORD } from '../certifications.repository';
import { CheckResult } from '../check/check';
import { AuditEntryDto, ReviewItemDto } from '../dto/certification-views.dto';

export interface DecisionTarget {
  associationId: string;
  norm: string;
  therapistId: string;
  owner: string;
}

export interface LockedClaim {
  associationName: string;
  status: string;
  effective: string;
  withdrawn: boolean;
  credentialType: string;
  claimedExpiresOn: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
}

export interface Decided {
  id: string;
  verdict: 'verify' | 'reject';
  by: string;
  holder: string | null;
  result: CheckResult;
  recordId: string | null;
}

@Injectable()
export class DecisionsRepository {
  async target(m: EntityManager, id: string): Promise<DecisionTarget | undefined> {
    const [row] = await m.query<DecisionTarget[]>(
      `SELECT c.association_id AS "associationId", c.credential_number_norm AS norm, c.therapist_id AS "therapistId",
         p.user_id AS owner
       FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  /** Locks the certification; what the roster says is read after, in a statement of its own. */
  async lock(m: EntityManager, id: string): Promise<LockedClaim> {
    const [row] = await m.query<LockedClaim[]>(
      `SELECT a.name AS "associationName", c.status, c.withdrawn_at IS NOT NULL AS withdrawn,
         c.credential_type AS "credentialType", to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS "claimedExpiresOn",
         certification_effective_status(c.status, c.expires_on) AS effective,
         p.first_name AS "firstName", p.middle_name AS "middleName", p.last_name AS "lastName"
       FROM certification c JOIN association a ON a.id = c.association_id JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return row;
  }

  async save(m: EntityManager, d: Decided): Promise<void> {
    await m.query(
      `UPDATE certification SET status = $2, status_reason = $3, decision = $4, decided_by = $5, decided_holder = $6,
         expires_on = $7, roster_record_id = $8, last_checked_at = now(), updated_at = now(),
         verified_at = CASE WHEN $2::text = 'verified' AND status <> 'verified' THEN now() ELSE verified_at END,
         version = version + 1
       WHERE id = $1`,
      [d.id, d.result.status, d.result.reason, d.verdict, d.by, d.holder, d.result.expiresOn, d.recordId],
    );
  }

  /** A trail entry for a decision that left the status as it was (the trigger writes one only on a change). */
  async auditUnchanged(m: EntityManager, id: string, actor: string, action: string, status: string, reason: string) {
    await m.query(
      `INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason)
       VALUES ($1, $2, $3, $4, $4, $5)`,
      [id, actor, action, status, reason],
    );
  }

  auditPage(m: EntityManager, id: string, after: number, limit: number): Promise<(AuditEntryDto & { seq: string })[]> {
    return m.query(
      `SELECT id AS seq, at, actor, action, from_status AS "fromStatus", to_status AS "toStatus", reason
       FROM certification_audit WHERE certification_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [id, after, limit],
    );
  }

  /** The review queue: an association's live certifications with a status, oldest claim first. */
  queuePage(
    m: EntityManager,
    associationId: string,
    status: string,
    after: [string, string] | null,
    limit: number,
  ): Promise<(ReviewItemDto & { sortAt: string })[]> {
    return m.query(
      `SELECT ${CERTIFICATION_COLUMNS},
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt",
         json_build_object('therapistId', p.id, 'displayName', p.display_name, 'firstName', p.first_name,
           'middleName', p.middle_name, 'lastName', p.last_name) AS claimant,
         CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('credentialNumber', r.credential_number,
           'firstName', r.first_name, 'middleName', r.middle_name, 'lastName', r.last_name, 'credentialType', r.credential_type,
           'status', r.status, 'issuedOn', r.issued_on, 'expiresOn', r.expires_on, 'city', r.city, 'region', r.region) END AS record
       FROM certification c
       JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       ${JOIN_RECORD}
       WHERE c.association_id = $1 AND c.withdrawn_at IS NULL AND certification_effective_status(c.status, c.expires_on) = $2
         AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::uuid))
       ORDER BY c.created_at, c.id LIMIT $5`,
      [associationId, status, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }
}
