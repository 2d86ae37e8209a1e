import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxMail } from './mail-renderer';

export interface ClaimedMail extends OutboxMail {
  attempts: number;
}

export interface FailedMailRow {
  id: string;
  kind: string;
  recipientUserId: string;
  recipientEmail: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date;
  cursorAt: string;
}

export const INTERRUPTED =
  'The worker stopped while sending this mail; it is not retried, as it may have been delivered already.';

/** The outbox's delivery state machine: pending -> sending -> sent | pending (retry) | failed. */
@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims due mail for this worker: the row locks (SKIP LOCKED) make concurrent claims take disjoint rows, and the
   * committed `sending` state with a lease keeps every other worker off them while the mail is on the wire.
   */
  async claim(limit: number, leaseSeconds: number): Promise<ClaimedMail[]> {
    const [rows] = await this.db.query<[ClaimedMail[], number]>(
      `UPDATE notice_outbox o SET status = 'sending', attempts = o.attempts + 1,
         locked_until = now() + make_interval(secs => $2)
       FROM (SELECT n.id, u.email, u.name FROM notice_outbox n JOIN app_user u ON u.id = n.recipient_user_id
             WHERE n.status = 'pending' AND n.next_attempt_at <= now()
             ORDER BY n.next_attempt_at, n.id LIMIT $1 FOR UPDATE OF n SKIP LOCKED) d
       WHERE o.id = d.id
       RETURNING o.id::text, o.kind, o.dedupe_key AS "dedupeKey", o.payload, o.attempts, d.email::text, d.name`,
      [limit, leaseSeconds],
    );
    return rows;
  }

  /** Only the claim that is still current may settle a row (its attempt number proves it). */
  async markSent(id: string, attempts: number, messageId: string): Promise<void> {
    await this.db.query(
      `UPDATE notice_outbox SET status = 'sent', delivered_at = now(), locked_until = NULL, failed_at = NULL,
         last_error = NULL, message_id = $3
       WHERE id = $1 AND attempts = $2`,
      [id, attempts, messageId],
    );
  }

  async markRetry(id: string, attempts: number, error: string, delaySeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE notice_outbox SET status = 'pending', locked_until = NULL, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4)
       WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
      [id, attempts, error, delaySeconds],
    );
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE notice_outbox SET status = 'failed', failed_at = now(), locked_until = NULL, last_error = $3
       WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
      [id, attempts, error],
    );
  }

  /**
   * A row still `sending` after its lease belonged to a worker that died mid-send: the mail may or may not have left.
   * At most once wins: it is kept as failed (visible to admins), never sent a second time.
   */
  async failInterrupted(): Promise<number> {
    const [, count] = await this.db.query<[unknown[], number]>(
      `UPDATE notice_outbox SET status = 'failed', failed_at = now(), locked_until = NULL, last_error = $1
       WHERE status = 'sending' AND locked_until < now()`,
      [INTERRUPTED],
    );
    return count;
  }

  /** Once a day per association admin with claims waiting in the queue (needs_review, as the queue lists them). */
  async queueClaimsSummaries(): Promise<number> {
    const rows = await this.db.query<{ id: string }[]>(
      `INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload)
       SELECT 'claims-summary', 'claims-summary:' || u.id || ':' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), u.id,
              jsonb_build_object('associationSlug', a.slug, 'associationName', a.name, 'waiting', w.waiting,
                'oldest', to_char(w.oldest AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
       FROM association a
       JOIN LATERAL (SELECT count(*)::int AS waiting, min(c.created_at) AS oldest FROM certification c
                     WHERE c.association_id = a.id AND c.withdrawn_at IS NULL AND c.status = 'needs_review'
                       AND certification_effective_status(c.status, c.expires_on) = 'needs_review') w ON w.waiting > 0
       JOIN app_user u ON u.association_id = a.id AND u.role = 'association_admin'
                      AND u.disabled_at IS NULL AND u.deleted_at IS NULL
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
    );
    return rows.length;
  }

  async failed(limit: number, after: { at: string; id: string } | null): Promise<FailedMailRow[]> {
    const params: unknown[] = [limit + 1];
    const keyset = after
      ? `AND (o.failed_at, o.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::bigint)`
      : '';
    return this.db.query<FailedMailRow[]>(
      `SELECT o.id::text, o.kind, o.recipient_user_id AS "recipientUserId", u.email::text AS "recipientEmail",
              o.attempts, o.last_error AS "lastError", o.created_at AS "createdAt", o.failed_at AS "failedAt",
              to_char(o.failed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
       FROM notice_outbox o JOIN app_user u ON u.id = o.recipient_user_id
       WHERE o.status = 'failed' ${keyset}
       ORDER BY o.failed_at DESC, o.id DESC LIMIT $1`,
      params,
    );
  }
}
