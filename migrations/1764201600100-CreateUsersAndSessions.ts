import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndSessions1764201600100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL CONSTRAINT uq_app_user_email UNIQUE,
        password_hash text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CONSTRAINT chk_app_user_role
          CHECK (role IN ('client', 'therapist', 'association_admin', 'platform_admin')),
        association_id uuid,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_app_user_association CHECK ((role = 'association_admin') = (association_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL CONSTRAINT uq_refresh_token_hash UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX ix_refresh_token_family ON refresh_token (family_id)');
    await q.query('CREATE INDEX ix_refresh_token_user ON refresh_token (user_id)');
    await q.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        email citext NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX ix_login_failure_lookup ON login_failure (email, ip, at)');
    await q.query(`
      CREATE TABLE idempotency_key (
        scope text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
    await q.query('DROP TABLE login_failure');
    await q.query('DROP TABLE refresh_token');
    await q.query('DROP TABLE app_user');
  }
}
