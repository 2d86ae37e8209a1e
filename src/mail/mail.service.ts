import { Injectable } from '@nestjs/common';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { decodeCursor, toPage } from '../common/pagination';
import { FailedMailPageDto } from './dto/failed-mail.dto';
import { MailRepository } from './mail.repository';

@Injectable()
export class MailService {
  constructor(private readonly repository: MailRepository) {}

  async failed(query: CursorQueryDto): Promise<FailedMailPageDto> {
    let after: { at: string; id: string } | null = null;
    if (query.cursor !== undefined) {
      const [at, id] = decodeCursor(query.cursor, ['timestamp', 'digits']) as string[];
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
