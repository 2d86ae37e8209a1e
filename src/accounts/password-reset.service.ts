import {
  HttpException,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { Env } from '../config/env';
import { MailQueue } from '../mail/mail-queue';
import { hashToken } from '../mail/mail-tokens';
import { MailWorker } from '../mail/mail-worker';
import { SessionsRepository } from '../auth/sessions.repository';
import { AccountsRepository } from './accounts.repository';

const BATCH = 50;
export const INVALID_TOKEN = 'This link is invalid, expired or already used; ask for a new one.';

/**
 * Password reset without account enumeration: the request only records the address (the same statement, whatever
 * the address), and the mail worker later turns requests for existing, active accounts into reset mail.
 */
@Injectable()
export class PasswordResetService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly mailQueue: MailQueue,
    private readonly worker: MailWorker,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.worker.addProducer('password-reset', () => this.processRequests());
  }

  async request(email: string, ip: string): Promise<void> {
    const limited = this.env.RATE_LIMITS === 'on';
    const retryAfter = await this.accounts.recordResetRequest(
      email,
      ip,
      limited ? this.env.PASSWORD_RESET_LIMIT : 2_147_483_647,
      this.env.PASSWORD_RESET_WINDOW_SECONDS,
    );
    if (retryAfter !== null) {
      throw new HttpException(
        { message: 'Too many reset requests for this address; try again later.', retryAfter },
        429,
      );
    }
    // The worker is not woken here: its scheduled run picks the request up, so whatever it then does for an existing
    // account happens at a time unrelated to this request.
  }

  /** Turns recorded requests into reset mail, each request at most once; forgets requests past the limit's window. */
  async processRequests(): Promise<number> {
    await this.accounts.pruneResetRequests(Math.max(this.env.PASSWORD_RESET_WINDOW_SECONDS, 24 * 3600));
    let queued = 0;
    for (;;) {
      const batch = await this.db.transaction(async (m) => {
        const requests = await this.accounts.claimResetRequests(m, BATCH);
        for (const request of requests) {
          const account = await this.accounts.activeByEmail(m, request.email);
          if (account) {
            await this.mailQueue.queueWithToken(m, 'password-reset', account, `password-reset:${request.id}`);
            queued++;
          }
        }
        return requests.length;
      });
      if (batch < BATCH) {
        return queued;
      }
    }
  }

  /** Sets the new password, spends every reset link of the account and ends all its sessions. */
  async confirm(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (m) => {
      const spent = await this.accounts.spendToken(m, 'password_reset', hashToken(token));
      const account = spent && (await this.accounts.lock(m, spent.user_id));
      if (
        !account ||
        account.disabled_at ||
        account.deleted_at ||
        account.email.toLowerCase() !== spent.email.toLowerCase()
      ) {
        throw new UnprocessableEntityException(INVALID_TOKEN);
      }
      await this.accounts.setPassword(m, account.id, passwordHash);
      await this.accounts.spendAllTokens(m, account.id, 'password_reset');
      await this.sessions.endAll(m, account.id);
      // The link arrived at this address: it is confirmed as well.
      await this.accounts.markEmailVerified(m, account.id);
    });
    this.logger.log('Password reset through a mailed link');
  }
}
