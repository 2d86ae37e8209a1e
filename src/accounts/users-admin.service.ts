import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { decodeCursor, toPage } from '../common/pagination';
import { Role } from '../users/user.entity';
import { AccountRow, AccountsRepository } from './accounts.repository';
import { AdminUserDto, AdminUserPageDto, FindUsersQueryDto, UpdateUserDto } from './dto/users.dto';

const ADMIN_USER_SQL = `
  SELECT u.id, u.email::text, u.name, u.role, a.slug AS "associationSlug", u.email_verified_at IS NOT NULL AS "emailVerified",
         u.disabled_at IS NOT NULL AS disabled, u.created_at AS "createdAt"
  FROM app_user u LEFT JOIN association a ON a.id = u.association_id`;

type AdminUserRow = Omit<AdminUserDto, 'createdAt'> & { createdAt: Date };

const toDto = (row: AdminUserRow): AdminUserDto => ({ ...row, createdAt: row.createdAt.toISOString() });

/** Platform admins find accounts and change their role or disable them. */
@Injectable()
export class UsersAdminService {
  private readonly logger = new Logger(UsersAdminService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  async find(query: FindUsersQueryDto): Promise<AdminUserPageDto> {
    const params: unknown[] = [query.limit + 1];
    const where = ['u.deleted_at IS NULL'];
    if (query.email) {
      const pattern = `%${query.email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`u.email ILIKE $${params.push(pattern)}`);
    }
    if (query.cursor !== undefined) {
      const [email, id] = decodeCursor(query.cursor, ['text', 'uuid']) as string[];
      where.push(`(lower(u.email::text), u.id::text) > ($${params.push(email)}, $${params.push(id)})`);
    }
    const rows = await this.db.query<AdminUserRow[]>(
      `${ADMIN_USER_SQL} WHERE ${where.join(' AND ')} ORDER BY lower(u.email::text), u.id::text LIMIT $1`,
      params,
    );
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
      await this.apply(m, target, role, dto.disabled);
      if (roleChanged || disabling) {
        await this.accounts.endAllSessions(m, target.id);
      }
    });
    this.logger.log(`Account ${id} changed by platform admin ${admin.id}: ${JSON.stringify(dto)}`);
    const [row] = await this.db.query<AdminUserRow[]>(`${ADMIN_USER_SQL} WHERE u.id = $1`, [id]);
    return toDto(row);
  }

  private async apply(m: EntityManager, target: AccountRow, role: Role, disabled: boolean | undefined): Promise<void> {
    await m.query(
      `UPDATE app_user SET role = $2,
         association_id = CASE WHEN $2 = 'association_admin' THEN association_id END,
         disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN coalesce(disabled_at, now()) END,
         updated_at = now()
       WHERE id = $1`,
      [target.id, role, disabled ?? null],
    );
  }
}
