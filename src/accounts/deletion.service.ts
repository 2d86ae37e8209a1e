import { Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { Role } from '../users/user.entity';
import { AccountService } from './account.service';
import { AccountRow, AccountsRepository } from './accounts.repository';

/** What stands in the audit trail for a deleted person, and for what they wrote about their own credentials. */
export const ERASED_ACTOR = 'erased-account';
export const ERASED_REASON = 'Removed when the account was deleted.';

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
      await this.eraseProfile(m, account);
      await this.eraseAuditActor(m, account);
      await this.eraseAccountData(m, account);
    });
    this.logger.log(`Account ${caller.id} deleted at its holder's request`);
  }

  private async eraseProfile(m: EntityManager, account: AccountRow): Promise<void> {
    const [profile] = await m.query<{ id: string }[]>('SELECT id FROM therapist_profile WHERE user_id = $1', [
      account.id,
    ]);
    if (!profile) {
      return;
    }
    await m.query(
      `SELECT set_config('app.actor', $1, true), set_config('app.action', 'withdrawn', true),
              set_config('app.reason', 'Withdrawn: the account was deleted.', true)`,
      [ERASED_ACTOR],
    );
    await m.query(
      `UPDATE certification SET withdrawn_at = coalesce(withdrawn_at, now()), credential_number = '',
         credential_number_norm = '', status_reason = 'Withdrawn: the account was deleted.', updated_at = now(),
         version = version + 1
       WHERE therapist_id = $1`,
      [profile.id],
    );
    await m.query(`SELECT set_config('app.erasure', 'on', true)`);
    await m.query(
      `UPDATE certification_audit SET actor = CASE WHEN actor = $2 THEN $3 ELSE actor END, reason = $4
       WHERE certification_id IN (SELECT id FROM certification WHERE therapist_id = $1)`,
      [profile.id, account.id, ERASED_ACTOR, ERASED_REASON],
    );
    await m.query('DELETE FROM therapist_condition WHERE therapist_id = $1', [profile.id]);
    await m.query('DELETE FROM therapist_specialty WHERE therapist_id = $1', [profile.id]);
    await m.query('DELETE FROM review_invitation WHERE therapist_id = $1 AND used_at IS NULL', [profile.id]);
    await m.query(
      `UPDATE therapist_profile SET published = false, first_name = '', middle_name = NULL, last_name = '',
         display_name = 'Former therapist', bio = '', practice_name = NULL, address_line = NULL, postal_code = '',
         lat = 0, lng = 0, location_source = 'explicit', languages = '{}', session_lengths = '{}',
         contact_phone = NULL, contact_website = NULL, contact_email = NULL, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [profile.id],
    );
  }

  /** Decisions an admin took stay in the trails of others' credentials, without naming the admin. */
  private async eraseAuditActor(m: EntityManager, account: AccountRow): Promise<void> {
    if (account.role !== Role.AssociationAdmin && account.role !== Role.PlatformAdmin) {
      return;
    }
    await m.query(`SELECT set_config('app.erasure', 'on', true)`);
    await m.query('UPDATE certification_audit SET actor = $2 WHERE actor = $1', [account.id, ERASED_ACTOR]);
  }

  private async eraseAccountData(m: EntityManager, account: AccountRow): Promise<void> {
    await m.query('DELETE FROM refresh_token WHERE user_id = $1', [account.id]);
    await m.query('DELETE FROM notice_outbox WHERE recipient_user_id = $1', [account.id]);
    await m.query('DELETE FROM account_token WHERE user_id = $1', [account.id]);
    await m.query('DELETE FROM password_reset_request WHERE email = $1', [account.email]);
    await m.query('DELETE FROM login_failure WHERE email = $1', [account.email]);
    await m.query('DELETE FROM idempotency_key WHERE scope = $1', [`user:${account.id}`]);
    await m.query(
      `UPDATE app_user SET email = id::text || '@deleted.invalid', name = 'Former user', password_hash = '',
         email_verified_at = NULL, deleted_at = now(), token_version = token_version + 1, updated_at = now()
       WHERE id = $1`,
      [account.id],
    );
  }
}
