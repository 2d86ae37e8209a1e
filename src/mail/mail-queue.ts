import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hashToken, MailTokens, TOKEN_TTL_SECONDS, TokenPurpose } from './mail-tokens';

export interface NoticeInput {
  kind: string;
  dedupeKey: string;
  recipientUserId: string;
  payload?: Record<string, unknown>;
}

/** Mail kinds that carry a single-use token, and the purpose of that token. */
export const TOKEN_KINDS: Record<string, TokenPurpose> = {
  'email-confirmation': 'email_verification',
  'password-reset': 'password_reset',
};

/**
 * Writes mail into the outbox inside the caller's transaction: the mail exists if and only if what caused it
 * commits. Sending happens later, in the worker, never in the request.
 */
@Injectable()
export class MailQueue {
  constructor(private readonly tokens: MailTokens) {}

  /** Queues a notice; a dedupe key already present makes this a no-op (returns null). */
  async queue(manager: EntityManager, notice: NoticeInput): Promise<string | null> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text`,
      [notice.kind, notice.dedupeKey, notice.recipientUserId, JSON.stringify(notice.payload ?? {})],
    );
    return row?.id ?? null;
  }

  /** Queues a mail with a link carrying a fresh token; the database keeps the token's hash only. */
  async queueWithToken(
    manager: EntityManager,
    kind: keyof typeof TOKEN_KINDS,
    user: { id: string; email: string },
    dedupeKey: string,
  ): Promise<void> {
    const purpose = TOKEN_KINDS[kind];
    const outboxId = await this.queue(manager, { kind, dedupeKey, recipientUserId: user.id });
    if (!outboxId) {
      return;
    }
    await manager.query(
      `INSERT INTO account_token (token_hash, outbox_id, user_id, purpose, email, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [
        hashToken(this.tokens.tokenFor(purpose, outboxId)),
        outboxId,
        user.id,
        purpose,
        user.email,
        TOKEN_TTL_SECONDS[purpose],
      ],
    );
  }
}
