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
import { RosterRecordsRepository } from './roster-records.repository';
import { readCsvRoster, readJsonRoster } from './roster-source';

@Injectable()
export class RosterRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: RosterImportService,
    private readonly records: RosterRecordsRepository,
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
    const [after] = query.cursor ? (decodeCursor(query.cursor, ['text']) as string[]) : [null];
    const norm = query.credentialNumber === undefined ? null : normaliseCredentialNumber(query.credentialNumber);
    const rows = await this.records.page(this.dataSource.manager, association.id, {
      after,
      norm,
      status: query.status ?? null,
      limit: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (r) => [r.norm],
      ({ norm: _n, ...record }) => record,
    );
  }
}
