import { Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { Role } from '../users/user.entity';
import { AccountService } from './account.service';
import { AccountsRepository } from './accounts.repository';
import { ErasureRepository } from './erasure.repository';

/**
 * Deleting an account keeps what others rely on and drops what identifies the person:
 * - the user row stays as an anonymous tombstone (reviews it wrote keep their author, shown as "Former client");
 * - a therapist profile is unpublished at once (search rows and page go with it) and emptied; its certifications are
 *   withdrawn (an audit event) and lose their credential numbers;
 * - the certification audit keeps every event (when, what, from, to) but not the person: their actor id and the
 *   reasons written about their credentials are replaced;
 * - sessions, mailed links, queued mail, reset requests, failed sign-ins and stored idempotent responses are deleted.
 */
@Injectable()
export class DeletionService {
  private readonly logger = new Logger(DeletionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly account: AccountService,
    private readonly erasure: ErasureRepository,
  ) {}

  async delete(caller: AuthUser, password: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (caller.role === Role.PlatformAdmin) {
        const admins = await this.accounts.lockPlatformAdmins(m);
        if (!admins.some((a) => a.id !== caller.id && !a.disabled_at)) {
          throw new UnprocessableEntityException(
            'You are the last active platform admin: make another account platform admin before deleting yours.',
          );
        }
      }
      const account = await this.account.lockAndCheckPassword(m, caller, password);
      await this.erasure.eraseProfile(m, account);
      await this.erasure.eraseAuditActor(m, account);
      await this.erasure.eraseAccountData(m, account);
    });
    this.logger.log(`Account ${caller.id} deleted at its holder's request`);
  }
}
