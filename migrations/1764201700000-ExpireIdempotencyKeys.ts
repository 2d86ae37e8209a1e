import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys no longer outlive their use: a claim still being processed holds a lease (`locked_until`) that its
 * request keeps renewing, so that the claim of a request that died with its process lapses and a retry can complete;
 * keys are kept 24 hours (the index serves their removal). Answers that carried secrets (tokens, partner keys,
 * invitation codes) are no longer stored, and the ones stored before are deleted here.
 */
export class ExpireIdempotencyKeys1764201700000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_key ADD COLUMN locked_until timestamptz');
    await q.query('CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at)');
    await q.query(`DELETE FROM idempotency_key WHERE path IN ('/api/v1/auth/register', '/api/v1/auth/login',
      '/api/v1/auth/refresh', '/api/v1/partners', '/api/v1/partners/:id/key', '/api/v1/therapists/me/review-invitations')`);
    await q.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idempotency_key_created_at_idx');
    await q.query('ALTER TABLE idempotency_key DROP COLUMN locked_until');
  }
}
