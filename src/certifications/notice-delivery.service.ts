import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Notice, NoticeTransport } from './notice-transport';

const BATCH = 50;
const MAX_ATTEMPTS = 10;

/**
 * Drains notice_outbox. Each batch is claimed with FOR UPDATE SKIP LOCKED and marked delivered in the same transaction,
 * so two workers (or two instances) never send the same notice; a failed send is counted and retried on a later run.
 */
@Injectable()
export class NoticeDeliveryService {
  private readonly logger = new Logger(NoticeDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: NoticeTransport,
  ) {}

  /** Delivers pending notices until none are left; returns how many were delivered. */
  async deliverPending(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const sent = await this.deliverBatch();
      delivered += sent.delivered;
      if (sent.claimed < BATCH) {
        return delivered;
      }
    }
  }

  private deliverBatch(): Promise<{ claimed: number; delivered: number }> {
    return this.dataSource.transaction(async (m) => {
      const notices = await m.query<Notice[]>(
        `SELECT id::text, kind, recipient_user_id AS "recipientUserId", payload FROM notice_outbox
         WHERE delivered_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [MAX_ATTEMPTS, BATCH],
      );
      let delivered = 0;
      for (const notice of notices) {
        try {
          await this.transport.send(notice);
          await m.query('UPDATE notice_outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = $1', [
            notice.id,
          ]);
          delivered++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await m.query('UPDATE notice_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
            notice.id,
            message.slice(0, 500),
          ]);
          this.logger.warn(`Notice ${notice.id} not delivered: ${message}`);
        }
      }
      return { claimed: notices.length, delivered };
    });
  }
}
