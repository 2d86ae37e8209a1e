import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../users/user.entity';
import { AccountRow } from './accounts.repository';

/** What stands in the audit trail for a deleted person, and for what they wrote about their own credentials. */
export const ERASED_ACTOR = 'erased-account';
export const ERASED_REASON = 'Removed when the account was deleted.';

/** The statements that erase an account inside the deletion's transaction (see DeletionService for what is kept). */
@Injectable()
export class ErasureRepository {
  async eraseProfile(m: EntityManager, account: AccountRow): Promise<void> {
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
  async eraseAuditActor(m: EntityManager, account: AccountRow): Promise<void> {
    if (account.role !== Role.AssociationAdmin && account.role !== Role.PlatformAdmin) {
      return;
    }
    await m.query(`SELECT set_config('app.erasure', 'on', true)`);
    await m.query('UPDATE certification_audit SET actor = $2 WHERE actor = $1', [account.id, ERASED_ACTOR]);
  }

  async eraseAccountData(m: EntityManager, account: AccountRow): Promise<void> {
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
