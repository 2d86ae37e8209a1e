import { Injectable, Logger } from '@nestjs/common';

export interface Notice {
  id: string;
  kind: string;
  recipientUserId: string;
  payload: Record<string, unknown>;
}

/** Where notices go (email, SMS, a webhook...). Bind another class to this token to change the channel. */
export abstract class NoticeTransport {
  abstract send(notice: Notice): Promise<void>;
}

/** The default transport: one log line per notice. */
@Injectable()
export class LogNoticeTransport extends NoticeTransport {
  private readonly logger = new Logger('Notices');

  send(notice: Notice): Promise<void> {
    this.logger.log(
      `notice ${notice.id} (${notice.kind}) to user ${notice.recipientUserId}: ${JSON.stringify(notice.payload)}`,
    );
    return Promise.resolve();
  }
}
