import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { MailQueue } from '../mail/mail-queue';
import { hashToken } from '../mail/mail-tokens';
import { MailWorker } from '../mail/mail-worker';
import { AccountsRepository } from './accounts.repository';
import { INVALID_TOKEN } from './password-reset.service';

@Injectable()
export class EmailVerificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly mailQueue: MailQueue,
    private readonly worker: MailWorker,
  ) {}

  /** A token confirms the address it was sent to, and only while that is still the account's address. */
  async confirm(token: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const spent = await this.accounts.spendToken(m, 'email_verification', hashToken(token));
      const account = spent && (await this.accounts.lock(m, spent.user_id));
      if (!account || account.deleted_at || account.email.toLowerCase() !== spent.email.toLowerCase()) {
        throw new UnprocessableEntityException(INVALID_TOKEN);
      }
      await this.accounts.markEmailVerified(m, account.id);
    });
  }

  /** Mails a new link; an address already confirmed gets none (the answer is the same). */
  async resend(caller: AuthUser): Promise<void> {
    const queued = await this.db.transaction(async (m) => {
      const account = await this.accounts.lock(m, caller.id);
      if (!account || account.email_verified_at) {
        return false;
      }
      await this.mailQueue.queueWithToken(
        m,
        'email-confirmation',
        account,
        `email-confirmation:${account.id}:${randomUUID()}`,
      );
      return true;
    });
    if (queued) {
      this.worker.kick();
    }
  }
}
