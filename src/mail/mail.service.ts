import { Injectable } from '@nestjs/common';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { decodeCursor, toPage } from '../common/pagination';
import { ProblemException } from '../common/problem';
import { FailedMailPageDto } from './dto/failed-mail.dto';
import { MailRepository } from './mail.repository';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

@Injectable()
export class MailService {
  constructor(private readonly repository: MailRepository) {}

  async failed(query: CursorQueryDto): Promise<FailedMailPageDto> {
    let after: { at: string; id: string } | null = null;
    if (query.cursor !== undefined) {
      const [at, id] = decodeCursor(query.cursor, ['string', 'string']) as string[];
      if (!CURSOR_AT.test(at) || !/^\d{1,18}$/.test(id)) {
        throw new ProblemException(400, 'The cursor is not valid.', [
          { field: 'cursor', message: 'cursor is malformed' },
        ]);
      }
      after = { at, id };
    }
    const rows = await this.repository.failed(query.limit, after);
    return toPage(
      rows,
      query.limit,
      (r) => [r.cursorAt, r.id],
      ({ cursorAt: _cursorAt, createdAt, failedAt, ...row }) => ({
        ...row,
        createdAt: createdAt.toISOString(),
        failedAt: failedAt.toISOString(),
      }),
    );
  }
}
