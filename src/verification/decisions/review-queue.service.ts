import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { associationForAdmin } from '../../associations/association-access';
import { AuthUser } from '../../auth/decorators';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { ReviewQueueQueryDto } from '../dto/certification.dto';
import { ReviewItemDto } from '../dto/certification-views.dto';
import { DecisionsRepository } from './decisions.repository';

/** The association admin's queue, oldest claim first. */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: DecisionsRepository,
  ) {}

  async list(caller: AuthUser, slug: string, query: ReviewQueueQueryDto): Promise<Page<ReviewItemDto>> {
    const m = this.dataSource.manager;
    const association = await associationForAdmin(m, caller, slug);
    const after = query.cursor ? (decodeCursor(query.cursor, ['timestamp', 'uuid']) as [string, string]) : null;
    const rows = await this.decisions.queuePage(m, association.id, query.status, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (r) => [r.sortAt, r.id],
      ({ sortAt: _s, ...item }) => item,
    );
  }
}
