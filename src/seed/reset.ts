import { Client } from 'pg';
import { SEED_EMAIL_DOMAIN } from './seed-context';

/**
 * Removes every seeded account and what hangs off it (profiles, links, ratings, reviews of them, their certifications
 * with audit trails, and the roster records those were checked against). Runs with triggers off (replica role), so
 * dependents are deleted explicitly, children first.
 */
const STEPS = [
  `CREATE TEMP TABLE seeded_user ON COMMIT DROP AS SELECT id FROM app_user WHERE email LIKE '%@' || $1`,
  `CREATE TEMP TABLE seeded_profile ON COMMIT DROP AS SELECT id FROM therapist_profile WHERE user_id IN (SELECT id FROM seeded_user)`,
  `CREATE TEMP TABLE seeded_cert ON COMMIT DROP AS SELECT id, roster_record_id FROM certification WHERE therapist_id IN (SELECT id FROM seeded_profile)`,
  'DELETE FROM certification_audit WHERE certification_id IN (SELECT id FROM seeded_cert)',
  'DELETE FROM certification WHERE id IN (SELECT id FROM seeded_cert)',
  'DELETE FROM roster_record WHERE id IN (SELECT roster_record_id FROM seeded_cert) AND NOT EXISTS (SELECT 1 FROM certification c WHERE c.roster_record_id = roster_record.id)',
  'DELETE FROM review_moderation WHERE review_id IN (SELECT id FROM review WHERE therapist_id IN (SELECT id FROM seeded_profile))',
  'DELETE FROM review_flag WHERE review_id IN (SELECT id FROM review WHERE therapist_id IN (SELECT id FROM seeded_profile))',
  'DELETE FROM review_response WHERE review_id IN (SELECT id FROM review WHERE therapist_id IN (SELECT id FROM seeded_profile))',
  'DELETE FROM review WHERE therapist_id IN (SELECT id FROM seeded_profile)',
  'DELETE FROM review_invitation WHERE therapist_id IN (SELECT id FROM seeded_profile)',
  'DELETE FROM therapist_rating WHERE therapist_id IN (SELECT id FROM seeded_profile)',
  'DELETE FROM therapist_condition WHERE therapist_id IN (SELECT id FROM seeded_profile)',
  'DELETE FROM therapist_specialty WHERE therapist_id IN (SELECT id FROM seeded_profile)',
  'DELETE FROM therapist_profile WHERE id IN (SELECT id FROM seeded_profile)',
  'DELETE FROM account_token WHERE user_id IN (SELECT id FROM seeded_user)',
  'DELETE FROM notice_outbox WHERE recipient_user_id IN (SELECT id FROM seeded_user)',
  'DELETE FROM refresh_token WHERE user_id IN (SELECT id FROM seeded_user)',
  'DELETE FROM app_user WHERE id IN (SELECT id FROM seeded_user)',
];

export async function resetSeededData(client: Client): Promise<number> {
  await client.query('BEGIN');
  try {
    let removed = 0;
    for (const [i, sql] of STEPS.entries()) {
      const result = await client.query(sql, i === 0 ? [SEED_EMAIL_DOMAIN] : []);
      if (sql.startsWith('DELETE FROM therapist_profile')) {
        removed = result.rowCount ?? 0;
      }
    }
    await client.query('COMMIT');
    return removed;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
