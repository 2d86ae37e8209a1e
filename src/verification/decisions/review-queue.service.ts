import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { associationForAdmin } from '../../associations/association-access';
import { AuthUser } from '../../auth/decorators';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { CERTIFICATION_COLUMNS } from '../claims/certification-columns';
import { ReviewQueueQueryDto } from '../dto/certification.dto';
import { ReviewItemDto } from '../dto/certification-views.dto';

/** The association admin's queue, oldest claim first. */
@Injectable()
export class ReviewQueueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(caller: AuthUser, slug: string, query: ReviewQueueQueryDto): Promise<Page<ReviewItemDto>> {
    const association = await associationForAdmin(this.dataSource.manager, caller, slug);
    const [at, id] = query.cursor ? (decodeCursor(query.cursor, ['string', 'string']) as string[]) : [null, null];
    const rows = await this.dataSource.query<(ReviewItemDto & { sortAt: string })[]>(
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
       LEFT JOIN roster_record r ON r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm
       WHERE c.association_id = $1 AND c.withdrawn_at IS NULL AND certification_effective_status(c.status, c.expires_on) = $2
         AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::uuid))
       ORDER BY c.created_at, c.id LIMIT $5`,
      [association.id, query.status, at, id, query.limit + 1],
    );
    return toPage(
      rows,
      query.limit,
      (r) => [r.sortAt, r.id],
      ({ sortAt: _s, ...item }) => item,
    );
  }
}
