import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verification rules the database itself guarantees:
 * - certification_effective_status(): a badge is never read as valid past its expiry, whether or not the job ran;
 * - every change of certification.status (and every withdrawal) writes exactly one audit row in the same transaction,
 *   with the actor taken from the transaction-local setting `app.actor` (a write without an actor is refused).
 */
export class CreateVerificationFunctions1764201620000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION certification_effective_status(status text, expires_on date) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN status IN ('verified', 'needs_review', 'unmatched') AND expires_on < current_date
                        THEN 'expired' ELSE status END $$`);
    await q.query(`
      CREATE FUNCTION audit_certification_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_actor text := nullif(current_setting('app.actor', true), '');
        v_action text := nullif(current_setting('app.action', true), '');
        v_reason text := nullif(current_setting('app.reason', true), '');
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status
           OR (OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL) THEN
          IF v_actor IS NULL THEN
            RAISE EXCEPTION 'certification status changes need an actor (set_config(''app.actor'', ..., true))';
          END IF;
        END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason)
          VALUES (NEW.id, v_actor, coalesce(v_action, 'submitted'), NULL, NEW.status, NEW.status_reason);
          RETURN NULL;
        END IF;
        IF NEW.status IS DISTINCT FROM OLD.status THEN
          INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason)
          VALUES (NEW.id, v_actor, coalesce(v_action, 'status_changed'), OLD.status, NEW.status, coalesce(v_reason, NEW.status_reason));
        END IF;
        IF OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL THEN
          INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason)
          VALUES (NEW.id, v_actor, 'withdrawn', NEW.status, NEW.status, coalesce(v_reason, 'Withdrawn by the therapist.'));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_certification_audit AFTER INSERT OR UPDATE ON certification
      FOR EACH ROW EXECUTE FUNCTION audit_certification_change()`);
    await q.query(`ALTER TABLE certification ADD COLUMN decided_by uuid REFERENCES app_user(id),
      ADD COLUMN decision text CONSTRAINT chk_certification_decision CHECK (decision IN ('verify', 'reject'))`);
    await q.query(
      'CREATE INDEX ix_certification_queue ON certification (association_id, status, created_at, id) WHERE withdrawn_at IS NULL',
    );
    await q.query('CREATE INDEX ix_certification_expiry ON certification (expires_on) WHERE withdrawn_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_certification_expiry');
    await q.query('DROP INDEX ix_certification_queue');
    await q.query('ALTER TABLE certification DROP COLUMN decision, DROP COLUMN decided_by');
    await q.query('DROP TRIGGER trg_certification_audit ON certification');
    await q.query('DROP FUNCTION audit_certification_change()');
    await q.query('DROP FUNCTION certification_effective_status(text, date)');
  }
}
