import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statement-level guard on review_moderation also fired for the (empty) cascaded delete of any review, so no review,
 * and hence no client account or profile with reviews, could ever be deleted. Edits and direct deletes stay refused; only
 * the cascade from deleting the review itself (nested trigger depth) may take its trail with it.
 */
export class ReplaceReviewModerationGuard1764201640200 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER trg_review_moderation_append_only ON review_moderation');
    await q.query(`
      CREATE FUNCTION refuse_review_moderation_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit trails are append-only (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    await q.query(`CREATE TRIGGER trg_review_moderation_append_only BEFORE UPDATE OR DELETE ON review_moderation
      FOR EACH ROW EXECUTE FUNCTION refuse_review_moderation_change()`);
    await q.query(`CREATE TRIGGER trg_review_moderation_no_truncate BEFORE TRUNCATE ON review_moderation
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER trg_review_moderation_no_truncate ON review_moderation');
    await q.query('DROP TRIGGER trg_review_moderation_append_only ON review_moderation');
    await q.query('DROP FUNCTION refuse_review_moderation_change()');
    await q.query(`CREATE TRIGGER trg_review_moderation_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON review_moderation
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
  }
}
