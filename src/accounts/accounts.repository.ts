import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TokenPurpose } from '../mail/mail-tokens';
import { Role } from '../users/user.entity';
import { AdminUserDto } from './dto/users.dto';

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  association_id: string | null;
  email_verified_at: Date | null;
  disabled_at: Date | null;
  deleted_at: Date | null;
}

const ADMIN_USER_SQL = `
  SELECT u.id, u.email::text, u.name, u.role, a.slug AS "associationSlug", u.email_verified_at IS NOT NULL AS "emailVerified",
         u.disabled_at IS NOT NULL AS disabled, u.created_at AS "createdAt"
  FROM app_user u LEFT JOIN association a ON a.id = u.association_id`;

export type AdminUserRow = Omit<AdminUserDto, 'createdAt'> & { createdAt: Date };

const ACCOUNT_COLUMNS =
  'id, email::text, name, role, password_hash, association_id, email_verified_at, disabled_at, deleted_at';

@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks the account row for the rest of the transaction. */
  async lock(m: EntityManager, id: string): Promise<AccountRow | null> {
    const [row] = await m.query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async activeByEmail(m: EntityManager, email: string): Promise<AccountRow | null> {
    const [row] = await m.query<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM app_user WHERE email = $1 AND disabled_at IS NULL AND deleted_at IS NULL`,
      [email],
    );
    return row ?? null;
  }

  /**
   * Records a reset request unless the address already made `limit` in the window; the same statement for every
   * address, known or not. Returns the seconds to wait when refused, else null.
   */
  async recordResetRequest(email: string, ip: string, limit: number, windowSeconds: number): Promise<number | null> {
    const [row] = await this.db.query<{ inserted: boolean; retry_after: number | null }[]>(
      `WITH recent AS (
         SELECT count(*)::int AS n, min(requested_at) AS oldest FROM password_reset_request
         WHERE email = $1 AND requested_at > now() - make_interval(secs => $4)
       ), added AS (
         INSERT INTO password_reset_request (email, ip) SELECT $1, $2 FROM recent WHERE recent.n < $3 RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM added) AS inserted,
              ceil(extract(epoch FROM (SELECT oldest FROM recent) + make_interval(secs => $4) - now()))::int AS retry_after`,
      [email, ip, limit, windowSeconds],
    );
    return row.inserted ? null : Math.max(1, row.retry_after ?? windowSeconds);
  }

  /** Takes unprocessed reset requests for this transaction (other workers skip them). */
  async claimResetRequests(m: EntityManager, limit: number): Promise<{ id: string; email: string }[]> {
    const [rows] = await m.query<[{ id: string; email: string }[], number]>(
      `UPDATE password_reset_request SET processed_at = now()
       WHERE id IN (SELECT id FROM password_reset_request WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id::text, email::text`,
      [limit],
    );
    return rows;
  }

  /** Reset requests matter only to the rate limit's window; they hold an address and a client address, so they go. */
  async pruneResetRequests(olderThanSeconds: number): Promise<void> {
    await this.db.query(
      `DELETE FROM password_reset_request
       WHERE processed_at IS NOT NULL AND requested_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
  }

  /** Spends a token: single use, unexpired, of this purpose. Returns its account and the address it was sent to. */
  async spendToken(
    m: EntityManager,
    purpose: TokenPurpose,
    tokenHash: string,
  ): Promise<{ user_id: string; email: string } | null> {
    const [rows] = await m.query<[{ user_id: string; email: string }[], number]>(
      `UPDATE account_token SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id, email::text`,
      [tokenHash, purpose],
    );
    return rows[0] ?? null;
  }

  async spendAllTokens(m: EntityManager, userId: string, purpose: TokenPurpose): Promise<void> {
    await m.query('UPDATE account_token SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [
      userId,
      purpose,
    ]);
  }

  async setPassword(m: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await m.query('UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, passwordHash]);
  }

  /** Locks every platform admin account (in id order), so concurrent demotions cannot both pass the last-admin check. */
  async lockPlatformAdmins(m: EntityManager): Promise<{ id: string; disabled_at: Date | null }[]> {
    return m.query<{ id: string; disabled_at: Date | null }[]>(
      `SELECT id, disabled_at FROM app_user WHERE role = 'platform_admin' AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
    );
  }

  /** Accounts in e-mail order for the platform admins' list; `email` matches any part of the address. */
  findForAdmin(limit: number, email: string | undefined, after: string[] | null): Promise<AdminUserRow[]> {
    const params: unknown[] = [limit];
    const where = ['u.deleted_at IS NULL'];
    if (email) {
      const pattern = `%${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`u.email ILIKE $${params.push(pattern)}`);
    }
    if (after) {
      where.push(`(lower(u.email::text), u.id::text) > ($${params.push(after[0])}, $${params.push(after[1])})`);
    }
    return this.db.query<AdminUserRow[]>(
      `${ADMIN_USER_SQL} WHERE ${where.join(' AND ')} ORDER BY lower(u.email::text), u.id::text LIMIT $1`,
      params,
    );
  }

  async forAdmin(id: string): Promise<AdminUserRow | null> {
    const [row] = await this.db.query<AdminUserRow[]>(`${ADMIN_USER_SQL} WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  /** Only association admins keep an association; `disabled` undefined leaves the account as it is. */
  async setRole(m: EntityManager, id: string, role: Role, disabled: boolean | undefined): Promise<void> {
    await m.query(
      `UPDATE app_user SET role = $2,
         association_id = CASE WHEN $2 = 'association_admin' THEN association_id END,
         disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN coalesce(disabled_at, now()) END,
         updated_at = now()
       WHERE id = $1`,
      [id, role, disabled ?? null],
    );
  }

  async markEmailVerified(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE app_user SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1', [id]);
  }
}
