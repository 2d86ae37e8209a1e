import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VerifyQueryDto } from '../dto/certification.dto';
import { VerifyResultDto } from '../dto/certification-views.dto';
import { normaliseCredentialNumber } from '../check/name-normalise';

/** The public lookup, like a licensing board's: what the association's own roster says about a number. */
@Injectable()
export class VerifyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lookup(query: VerifyQueryDto): Promise<VerifyResultDto> {
    const [row] = await this.dataSource.query<VerifyResultDto[]>(
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
      [query.association, normaliseCredentialNumber(query.credentialNumber)],
    );
    if (!row) {
      throw new NotFoundException('The association has no record with this credential number.');
    }
    return row;
  }
}
