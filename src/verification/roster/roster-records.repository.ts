import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterRecordDto } from '../dto/roster.dto';

export interface RecordsFilter {
  /** The normalised number the previous page ended on. */
  after: string | null;
  norm: string | null;
  status: string | null;
  limit: number;
}

@Injectable()
export class RosterRecordsRepository {
  /** An association's records in number order, with their normalised number (the page key). */
  page(m: EntityManager, associationId: string, f: RecordsFilter): Promise<(RosterRecordDto & { norm: string })[]> {
    return m.query(
      `SELECT id, credential_number_norm AS norm, credential_number AS "credentialNumber", first_name AS "firstName",
         middle_name AS "middleName", last_name AS "lastName", credential_type AS "credentialType", status,
         to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", city, region,
         updated_at AS "updatedAt"
       FROM roster_record
       WHERE association_id = $1 AND ($2::text IS NULL OR credential_number_norm > $2) AND ($3::text IS NULL OR credential_number_norm = $3)
         AND ($4::text IS NULL OR status = $4)
       ORDER BY credential_number_norm LIMIT $5`,
      [associationId, f.after, f.norm, f.status, f.limit],
    );
  }
}
