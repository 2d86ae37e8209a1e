import { Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { Env } from '../config/env';

export type TokenPurpose = 'password_reset' | 'email_verification';

/** How long a mailed token works. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  password_reset: 30 * 60,
  email_verification: 7 * 24 * 3600,
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Tokens in mail are derived from the outbox row that carries them with a server-side key (HMAC-SHA256), so they
 * exist only in the mail itself: the database keeps their SHA-256 and nothing from which they can be recomputed
 * without the key. A retried send derives the same token again.
 */
@Injectable()
export class MailTokens {
  private readonly key: Buffer;

  constructor(env: Env) {
    this.key = createHmac('sha256', env.JWT_SECRET!).update('nmt-directory account tokens').digest();
  }

  tokenFor(purpose: TokenPurpose, outboxId: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${outboxId}`).digest('base64url');
  }
}
