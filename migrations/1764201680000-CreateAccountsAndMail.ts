import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts people can live with, and mail that arrives:
 * - app_user learns whether its e-mail is confirmed, whether it is disabled, and when it was deleted (a deleted
 *   account stays as an anonymous tombstone: reviews it wrote keep their author row, shown as "Former client");
 * - account_token holds only the SHA-256 of each e-mailed token (the token itself is derived from the outbox row by a
 *   server-side key when the mail is sent, so it is never stored);
 * - password_reset_request queues reset requests, so the request itself does the same work for every address;
 * - notice_outbox gets a delivery state machine (pending -> sending -> sent | failed) with back-off and a lease;
 * - triggers queue the certification, review and reply notices in the transaction that writes the event;
 * - the certification audit trail stays append-only except for the erasure of personal data (actor, reason) when an
 *   account is deleted, which only a transaction that declares it (app.erasure = on) may do.
 */
export class CreateAccountsAndMail1764201680000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN email_verified_at timestamptz,
      ADD COLUMN disabled_at timestamptz, ADD COLUMN deleted_at timestamptz`);
    await q.query(`
      ALTER TABLE notice_outbox
        ADD COLUMN status text NOT NULL DEFAULT 'pending'
          CONSTRAINT chk_notice_outbox_status CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN failed_at timestamptz,
        ADD COLUMN message_id text`);
    await q.query(`UPDATE notice_outbox SET status = 'sent' WHERE delivered_at IS NOT NULL`);
    await q.query('DROP INDEX ix_notice_outbox_pending');
    await q.query(
      `CREATE INDEX ix_notice_outbox_due ON notice_outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending')`,
    );
    await q.query(`CREATE INDEX ix_notice_outbox_failed ON notice_outbox (failed_at, id) WHERE status = 'failed'`);
    await q.query('CREATE INDEX ix_notice_outbox_recipient ON notice_outbox (recipient_user_id)');
    await q.query(`
      CREATE TABLE account_token (
        token_hash text PRIMARY KEY,
        outbox_id bigint NOT NULL CONSTRAINT uq_account_token_outbox UNIQUE REFERENCES notice_outbox(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        purpose text NOT NULL CONSTRAINT chk_account_token_purpose CHECK (purpose IN ('password_reset', 'email_verification')),
        email citext NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX ix_account_token_user ON account_token (user_id, purpose)');
    await q.query(`
      CREATE TABLE password_reset_request (
        id bigserial PRIMARY KEY,
        email citext NOT NULL,
        ip text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query('CREATE INDEX ix_password_reset_request_email ON password_reset_request (email, requested_at)');
    await q.query(
      'CREATE INDEX ix_password_reset_request_pending ON password_reset_request (id) WHERE processed_at IS NULL',
    );
    await this.createNoticeTriggers(q);
    await this.allowAuditErasure(q);
  }

  /** Each notice is keyed by the event row it reports, so a replayed event can never mail twice. */
  private async createNoticeTriggers(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION queue_certification_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_kind text;
      BEGIN
        IF NEW.action IN ('withdrawn', 'seeded', 'erased') THEN
          RETURN NULL;
        ELSIF NEW.to_status = 'expired' AND NEW.from_status IS DISTINCT FROM 'expired' THEN
          v_kind := 'certification-expired';
        ELSIF NEW.to_status IN ('verified', 'needs_review', 'rejected')
              AND (NEW.from_status IS DISTINCT FROM NEW.to_status OR NEW.action IN ('verified', 'rejected')) THEN
          v_kind := 'certification-outcome';
        ELSE
          RETURN NULL;
        END IF;
        INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload)
        SELECT v_kind, v_kind || ':' || NEW.id, p.user_id,
               jsonb_build_object('certificationId', c.id, 'therapistId', p.id, 'associationName', a.name,
                 'credentialType', c.credential_type, 'credentialNumber', c.credential_number,
                 'status', NEW.to_status, 'reason', NEW.reason, 'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD'))
        FROM certification c
        JOIN therapist_profile p ON p.id = c.therapist_id
        JOIN app_user u ON u.id = p.user_id
        JOIN association a ON a.id = c.association_id
        WHERE c.id = NEW.certification_id AND u.deleted_at IS NULL
        ON CONFLICT (dedupe_key) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_certification_audit_notice AFTER INSERT ON certification_audit
      FOR EACH ROW EXECUTE FUNCTION queue_certification_notice()`);

    await q.query(`
      CREATE FUNCTION queue_review_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload)
        SELECT 'review-new', 'review-new:' || NEW.id, p.user_id,
               jsonb_build_object('reviewId', NEW.id, 'therapistId', p.id, 'rating', NEW.rating)
        FROM therapist_profile p JOIN app_user u ON u.id = p.user_id
        WHERE p.id = NEW.therapist_id AND u.deleted_at IS NULL
        ON CONFLICT (dedupe_key) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_review_notice AFTER INSERT OR UPDATE OF status ON review
      FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION queue_review_notice()`);

    await q.query(`
      CREATE FUNCTION queue_review_reply_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload)
        SELECT 'review-reply', 'review-reply:' || NEW.review_id, p.user_id,
               jsonb_build_object('reviewId', r.id, 'therapistId', p.id, 'rating', r.rating)
        FROM review r JOIN therapist_profile p ON p.id = r.therapist_id JOIN app_user u ON u.id = p.user_id
        WHERE r.id = NEW.review_id AND u.deleted_at IS NULL
        ON CONFLICT (dedupe_key) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_review_response_notice AFTER INSERT ON review_response
      FOR EACH ROW EXECUTE FUNCTION queue_review_reply_notice()`);
  }

  /**
   * Row-level guard instead of the statement-level one: UPDATE is allowed only inside a transaction that set
   * app.erasure = on, and only of the personal columns (actor, reason); the event itself (when, what, from, to) stays.
   */
  private async allowAuditErasure(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION guard_certification_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('app.erasure', true) = 'on'
           AND NEW.id = OLD.id AND NEW.certification_id = OLD.certification_id AND NEW.at = OLD.at
           AND NEW.action = OLD.action AND NEW.from_status IS NOT DISTINCT FROM OLD.from_status
           AND NEW.to_status IS NOT DISTINCT FROM OLD.to_status THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit trails are append-only (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    await q.query('DROP TRIGGER trg_certification_audit_append_only ON certification_audit');
    await q.query(`CREATE TRIGGER trg_certification_audit_append_only BEFORE UPDATE OR DELETE ON certification_audit
      FOR EACH ROW EXECUTE FUNCTION guard_certification_audit()`);
    await q.query(`CREATE TRIGGER trg_certification_audit_no_truncate BEFORE TRUNCATE ON certification_audit
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER trg_certification_audit_no_truncate ON certification_audit');
    await q.query('DROP TRIGGER trg_certification_audit_append_only ON certification_audit');
    await q.query('DROP FUNCTION guard_certification_audit()');
    await q.query(`CREATE TRIGGER trg_certification_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON certification_audit
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await q.query('DROP TRIGGER trg_review_response_notice ON review_response');
    await q.query('DROP FUNCTION queue_review_reply_notice()');
    await q.query('DROP TRIGGER trg_review_notice ON review');
    await q.query('DROP FUNCTION queue_review_notice()');
    await q.query('DROP TRIGGER trg_certification_audit_notice ON certification_audit');
    await q.query('DROP FUNCTION queue_certification_notice()');
    await q.query('DROP TABLE password_reset_request');
    await q.query('DROP TABLE account_token');
    await q.query('DROP INDEX ix_notice_outbox_recipient');
    await q.query('DROP INDEX ix_notice_outbox_failed');
    await q.query('DROP INDEX ix_notice_outbox_due');
    await q.query('CREATE INDEX ix_notice_outbox_pending ON notice_outbox (id) WHERE delivered_at IS NULL');
    await q.query(`ALTER TABLE notice_outbox DROP COLUMN message_id, DROP COLUMN failed_at, DROP COLUMN locked_until,
      DROP COLUMN next_attempt_at, DROP COLUMN status`);
    await q.query(
      'ALTER TABLE app_user DROP COLUMN deleted_at, DROP COLUMN disabled_at, DROP COLUMN email_verified_at',
    );
  }
}
