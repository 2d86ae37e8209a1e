import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../auth/decorators';
import { normaliseCredentialNumber } from '../check/name-normalise';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { associationForAdmin } from '../../associations/association-access';
import { ImportResultDto, RecordsQueryDto, RosterRecordDto } from '../dto/roster.dto';
import { RosterImportService } from './roster-import.service';
import { readCsvRoster, readJsonRoster } from './roster-source';

@Injectable()
export class RosterRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: RosterImportService,
  ) {}

  async importFromRequest(caller: AuthUser, slug: string, request: FastifyRequest): Promise<ImportResultDto> {
    const association = await associationForAdmin(this.dataSource.manager, caller, slug);
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const source =
      type === 'text/csv'
        ? readCsvRoster(request.raw)
        : type === 'application/json'
          ? readJsonRoster(request.body)
          : null;
    if (!source) {
      throw new UnsupportedMediaTypeException('Send the roster as text/csv or as an application/json array.');
    }
    const { recheckedCertifications: _rechecked, ...result } = await this.importer.import(association, source);
    return result;
  }

  async list(caller: AuthUser, slug: string, query: RecordsQueryDto): Promise<Page<RosterRecordDto>> {
    const association = await associationForAdmin(this.dataSource.manager, caller, slug);
    const [after] = query.cursor ? (decodeCursor(query.cursor, ['string']) as string[]) : [null];
    const norm = query.credentialNumber === undefined ? null : normaliseCredentialNumber(query.credentialNumber);
    const rows = await this.dataSource.query<(RosterRecordDto & { norm: string })[]>(
      `SELECT id, credential_number_norm AS norm, credential_number AS "credentialNumber", first_name AS "firstName",
         middle_name AS "middleName", last_name AS "lastName", credential_type AS "credentialType", status,
         to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", city, region,
         updated_at AS "updatedAt"
       FROM roster_record
       WHERE association_id = $1 AND ($2::text IS NULL OR credential_number_norm > $2) AND ($3::text IS NULL OR credential_number_norm = $3)
         AND ($4::text IS NULL OR status = $4)
       ORDER BY credential_number_norm LIMIT $5`,
      [association.id, after, norm, query.status ?? null, query.limit + 1],
    );
    return toPage(
      rows,
      query.limit,
      (r) => [r.norm],
      ({ norm: _n, ...record }) => record,
    );
  }
}
