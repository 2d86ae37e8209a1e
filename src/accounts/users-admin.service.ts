import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { decodeCursor, toPage } from '../common/pagination';
import { Role } from '../users/user.entity';
import { SessionsRepository } from '../auth/sessions.repository';
import { AccountsRepository, AdminUserRow } from './accounts.repository';
import { AdminUserDto, AdminUserPageDto, FindUsersQueryDto, UpdateUserDto } from './dto/users.dto';

const toDto = (row: AdminUserRow): AdminUserDto => ({ ...row, createdAt: row.createdAt.toISOString() });

/** Platform admins find accounts and change their role or disable them. */
@Injectable()
export class UsersAdminService {
  private readonly logger = new Logger(UsersAdminService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async find(query: FindUsersQueryDto): Promise<AdminUserPageDto> {
    const after = query.cursor === undefined ? null : (decodeCursor(query.cursor, ['text', 'uuid']) as string[]);
    const rows = await this.accounts.findForAdmin(query.limit + 1, query.email, after);
    return toPage(rows, query.limit, (r) => [r.email.toLowerCase(), r.id], toDto);
  }

  /**
   * A role change or a disabling ends every session of the account at once. The last active platform admin cannot
   * be demoted or disabled: all platform admin rows are locked first, so two admins demoting each other at the same
   * moment cannot both succeed.
   */
  async update(admin: AuthUser, id: string, dto: UpdateUserDto): Promise<AdminUserDto> {
    await this.db.transaction(async (m) => {
      const admins = await this.accounts.lockPlatformAdmins(m);
      const target = await this.accounts.lock(m, id);
      if (!target || target.deleted_at) {
        throw new NotFoundException(`No account ${id}.`);
      }
      const role = dto.role ?? target.role;
      const roleChanged = role !== target.role;
      const disabling = dto.disabled === true && !target.disabled_at;
      if (roleChanged && role === Role.AssociationAdmin) {
        throw new UnprocessableEntityException(
          'An association admin belongs to an association: create one with POST /associations/{slug}/admins.',
        );
      }
      const losesAdmin = target.role === Role.PlatformAdmin && (roleChanged || disabling);
      if (losesAdmin && !admins.some((a) => a.id !== target.id && !a.disabled_at)) {
        throw new UnprocessableEntityException(
          'This is the last active platform admin: make another account platform admin first.',
        );
      }
      await this.accounts.setRole(m, target.id, role, dto.disabled);
      if (roleChanged || disabling) {
        await this.sessions.endAll(m, target.id);
      }
    });
    this.logger.log(`Account ${id} changed by platform admin ${admin.id}: ${JSON.stringify(dto)}`);
    return toDto((await this.accounts.forAdmin(id))!);
  }
}
