import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { UserDto } from '../auth/dto/auth.dto';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { SessionsRepository } from '../auth/sessions.repository';
import { Role } from '../users/user.entity';
import { AccountRow, AccountsRepository } from './accounts.repository';

export const WRONG_PASSWORD = 'The password is not correct.';

/** What the signed-in user changes about their own account. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async rename(caller: AuthUser, name: string): Promise<UserDto> {
    const [[row]] = await this.db.query<[{ id: string; email: string; name: string; role: Role }[], number]>(
      `UPDATE app_user SET name = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL
       RETURNING id, email::text, name, role`,
      [caller.id, name],
    );
    if (!row) {
      throw new NotFoundException('This account no longer exists.');
    }
    return row;
  }

  /** The caller's own sign-in goes on; every other session ends at once (access tokens included). */
  async changePassword(caller: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (m) => {
      await this.lockAndCheckPassword(m, caller, currentPassword);
      await this.accounts.setPassword(m, caller.id, passwordHash);
      await this.accounts.spendAllTokens(m, caller.id, 'password_reset');
      if (caller.sessionId) {
        await this.sessions.endOthers(m, caller.id, caller.sessionId);
      } else {
        await this.sessions.endAll(m, caller.id);
      }
    });
  }

  /** Re-authentication for sensitive changes: the account row stays locked until the transaction ends. */
  async lockAndCheckPassword(m: EntityManager, caller: AuthUser, password: string): Promise<AccountRow> {
    const account = await this.accounts.lock(m, caller.id);
    if (!account || account.deleted_at) {
      throw new NotFoundException('This account no longer exists.');
    }
    if (!(await verifyPassword(account.password_hash, password))) {
      throw new ForbiddenException(WRONG_PASSWORD);
    }
    return account;
  }
}
