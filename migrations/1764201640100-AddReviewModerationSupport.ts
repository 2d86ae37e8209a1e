import { MigrationInterface, QueryRunner } from 'typeorm';

/** Duplicate-text detection, open flags for the moderation queue, and the indexes both read through. */
export class AddReviewModerationSupport1764201640100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE review ADD COLUMN body_fingerprint text');
    await q.query('CREATE INDEX ix_review_body_fingerprint ON review (body_fingerprint, therapist_id)');
    await q.query(`CREATE INDEX ix_review_pending ON review (created_at, id) WHERE status = 'pending'`);
    await q.query('ALTER TABLE review_flag ADD COLUMN resolved_at timestamptz');
    await q.query('CREATE INDEX ix_review_flag_open ON review_flag (review_id) WHERE resolved_at IS NULL');
    await q.query('CREATE INDEX ix_review_moderation_review ON review_moderation (review_id, id)');
    await q.query('CREATE INDEX ix_review_invitation_therapist ON review_invitation (therapist_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_review_invitation_therapist');
    await q.query('DROP INDEX ix_review_moderation_review');
    await q.query('DROP INDEX ix_review_flag_open');
    await q.query('ALTER TABLE review_flag DROP COLUMN resolved_at');
    await q.query('DROP INDEX ix_review_pending');
    await q.query('DROP INDEX ix_review_body_fingerprint');
    await q.query('ALTER TABLE review DROP COLUMN body_fingerprint');
  }
}
