import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReviewsAndPartners1764201600300 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        therapist_id uuid NOT NULL REFERENCES therapist_profile(id) ON DELETE CASCADE,
        code_hash text NOT NULL CONSTRAINT uq_review_invitation_code UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        therapist_id uuid NOT NULL REFERENCES therapist_profile(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        rating smallint NOT NULL CONSTRAINT chk_review_rating CHECK (rating BETWEEN 1 AND 5),
        body text NOT NULL,
        condition_slug text REFERENCES condition(slug) ON UPDATE CASCADE ON DELETE RESTRICT,
        verified_client boolean NOT NULL DEFAULT false,
        invitation_id uuid CONSTRAINT uq_review_invitation UNIQUE REFERENCES review_invitation(id),
        status text NOT NULL CONSTRAINT chk_review_status CHECK (status IN ('published', 'pending', 'removed')),
        status_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_review_author_therapist UNIQUE (author_id, therapist_id)
      )`);
    await q.query(
      `CREATE INDEX ix_review_therapist_published ON review (therapist_id, created_at DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(`
      CREATE TABLE review_response (
        review_id uuid PRIMARY KEY REFERENCES review(id) ON DELETE CASCADE,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE review_flag (
        review_id uuid NOT NULL REFERENCES review(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (review_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE review_moderation (
        id bigserial PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES review(id) ON DELETE CASCADE,
        actor text NOT NULL,
        decision text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE TRIGGER trg_review_moderation_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON review_moderation
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TABLE therapist_rating (
        therapist_id uuid PRIMARY KEY REFERENCES therapist_profile(id) ON DELETE CASCADE,
        count integer NOT NULL DEFAULT 0,
        sum integer NOT NULL DEFAULT 0,
        stars integer[] NOT NULL DEFAULT '{0,0,0,0,0}'
      )`);
    await q.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        allowed_origins text[] NOT NULL DEFAULT '{}',
        key_hash text CONSTRAINT uq_partner_key UNIQUE,
        key_prefix text,
        key_revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partner_usage (
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        day date NOT NULL,
        requests bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (partner_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'partner_usage',
      'partner',
      'therapist_rating',
      'review_moderation',
      'review_flag',
      'review_response',
      'review',
      'review_invitation',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
