import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CERTIFICATION_COLUMNS } from '../certifications.repository';
import { CheckResult } from '../check/check';
import { CertificationDto } from '../dto/certification-views.dto';

export interface Claimant {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
}

export interface NewClaim {
  therapistId: string;
  associationId: string;
  credentialType: string;
  credentialNumber: string;
  norm: string;
  issuedOn: string | null;
  claimedExpiresOn: string | null;
  result: CheckResult;
  recordId: string | null;
}

@Injectable()
export class ClaimsRepository {
  async claimant(m: EntityManager, userId: string): Promise<Claimant | undefined> {
    const [row] = await m.query<Claimant[]>(
      `SELECT id, first_name AS "firstName", middle_name AS "middleName", last_name AS "lastName"
       FROM therapist_profile WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  async alreadyClaimed(m: EntityManager, therapistId: string, associationId: string, norm: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `SELECT 1 FROM certification WHERE therapist_id = $1 AND association_id = $2 AND credential_number_norm = $3
         AND withdrawn_at IS NULL`,
      [therapistId, associationId, norm],
    );
    return rows.length > 0;
  }

  async insert(m: EntityManager, claim: NewClaim): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO certification (therapist_id, association_id, credential_type, credential_number, credential_number_norm,
         issued_on, claimed_expires_on, expires_on, status, status_reason, roster_record_id, verified_at, last_checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $9::text = 'verified' THEN now() END, now())
       RETURNING id`,
      [
        claim.therapistId,
        claim.associationId,
        claim.credentialType,
        claim.credentialNumber,
        claim.norm,
        claim.issuedOn,
        claim.claimedExpiresOn,
        claim.result.expiresOn,
        claim.result.status,
        claim.result.reason,
        claim.recordId,
      ],
    );
    return row.id;
  }

  /** The caller's live certifications, by id, after the cursor's id. */
  ownPage(m: EntityManager, userId: string, after: string | null, limit: number): Promise<CertificationDto[]> {
    return m.query<CertificationDto[]>(
      `SELECT ${CERTIFICATION_COLUMNS} FROM certification c JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE p.user_id = $1 AND c.withdrawn_at IS NULL AND ($2::uuid IS NULL OR c.id > $2::uuid)
       ORDER BY c.id LIMIT $3`,
      [userId, after, limit],
    );
  }

  /** Locks the caller's live certification with this id; false when there is none. */
  async lockOwn(m: EntityManager, id: string, userId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `SELECT c.id FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE c.id = $1 AND p.user_id = $2 AND c.withdrawn_at IS NULL FOR UPDATE OF c`,
      [id, userId],
    );
    return rows.length > 0;
  }

  async withdraw(m: EntityManager, id: string): Promise<void> {
    await m.query(
      'UPDATE certification SET withdrawn_at = now(), updated_at = now(), version = version + 1 WHERE id = $1',
      [id],
    );
  }
}
