import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterFacts } from './check/check';
import { CertificationDto, VerifyResultDto } from './dto/certification-views.dto';

/** Columns of CertificationDto from `certification c JOIN association a`. */
export const CERTIFICATION_COLUMNS = `
  c.id, a.slug AS "associationSlug", c.credential_type AS "credentialType", c.credential_number AS "credentialNumber",
  to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn",
  to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS "claimedExpiresOn",
  certification_effective_status(c.status, c.expires_on) AS status,
  CASE WHEN certification_effective_status(c.status, c.expires_on) <> c.status
       THEN 'The credential expired on ' || to_char(c.expires_on, 'YYYY-MM-DD') || '.' ELSE c.status_reason END AS "statusReason",
  c.verified_at AS "verifiedAt", c.last_checked_at AS "lastCheckedAt", c.created_at AS "createdAt"`;

/** The roster record `r` as the check reads it (RosterFacts, with its id), or null. */
export const RECORD_FACTS = `CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'firstName', r.first_name,
  'middleName', r.middle_name, 'lastName', r.last_name, 'credentialType', r.credential_type, 'status', r.status,
  'expiresOn', to_char(r.expires_on, 'YYYY-MM-DD')) END`;

/** `r`: the roster record a certification `c` is checked against. */
export const JOIN_RECORD = `LEFT JOIN roster_record r
  ON r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm`;

/**
 * One credential, one person: another therapist's certification of the number of `c` is verified today. `$ids`
 * names certifications being decided together, which do not count against one another.
 */
export const HELD_ELSEWHERE = (ids = 'ARRAY[]::uuid[]') => `EXISTS (SELECT 1 FROM certification o
  WHERE o.association_id = c.association_id AND o.credential_number_norm = c.credential_number_norm
    AND o.therapist_id <> c.therapist_id AND o.withdrawn_at IS NULL AND NOT (o.id = ANY(${ids}))
    AND certification_effective_status(o.status, o.expires_on) = 'verified')`;

export type RecordFacts = RosterFacts & { id: string };

/** The reads every part of verification shares. */
@Injectable()
export class CertificationsRepository {
  async findOne(m: EntityManager, id: string): Promise<CertificationDto | undefined> {
    const [row] = await m.query<CertificationDto[]>(
      `SELECT ${CERTIFICATION_COLUMNS} FROM certification c JOIN association a ON a.id = c.association_id WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  /** What the roster says about a number now, and whether someone else holds it verified (read after the locks). */
  async facts(
    m: EntityManager,
    associationId: string,
    norm: string,
    therapistId: string,
  ): Promise<{ record: RecordFacts | null; heldElsewhere: boolean; today: string }> {
    const [row] = await m.query<{ record: RecordFacts | null; held: boolean; today: string }[]>(
      `SELECT (SELECT ${RECORD_FACTS} FROM roster_record r WHERE r.association_id = c.association_id
                 AND r.credential_number_norm = c.credential_number_norm) AS record,
              ${HELD_ELSEWHERE()} AS held, to_char(current_date, 'YYYY-MM-DD') AS today
       FROM (SELECT $1::uuid AS association_id, $2::text AS credential_number_norm, $3::uuid AS therapist_id) c`,
      [associationId, norm, therapistId],
    );
    return { record: row.record, heldElsewhere: row.held, today: row.today };
  }

  /** The public lookup: the association's record for a number, and the published profile verified for it today. */
  async lookup(m: EntityManager, associationSlug: string, norm: string): Promise<VerifyResultDto | undefined> {
    const [row] = await m.query<VerifyResultDto[]>(
      `SELECT a.slug AS association, r.credential_number AS "credentialNumber", r.credential_type AS "credentialType",
         concat_ws(' ', r.first_name, r.middle_name, r.last_name) AS "holderName", r.status AS "recordStatus",
         to_char(r.expires_on, 'YYYY-MM-DD') AS "expiresOn",
         (SELECT json_build_object('id', p.id, 'displayName', p.display_name)
            FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id
           WHERE c.association_id = r.association_id AND c.credential_number_norm = r.credential_number_norm
             AND c.withdrawn_at IS NULL AND p.published
             AND certification_effective_status(c.status, c.expires_on) = 'verified'
           ORDER BY c.verified_at NULLS LAST, c.id LIMIT 1) AS "verifiedProfile"
       FROM roster_record r JOIN association a ON a.id = r.association_id
       WHERE a.slug = $1 AND r.credential_number_norm = $2`,
      [associationSlug, norm],
    );
    return row;
  }
}
