import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An association admin's decision vouches for one roster record: `decided_holder` keeps the name the record gave
 * when the decision was made, so that a later import naming someone else voids the decision. Decisions made before
 * take the record's current holder. Credential numbers also lose invisible characters (zero-width spaces, BOMs,
 * soft hyphens) in their compared form, as the application now strips them.
 */
export class RememberDecidedRecordHolder1764201690000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE certification ADD COLUMN decided_holder text');
    await q.query(`
      UPDATE certification c SET decided_holder = concat_ws(' ', r.first_name, r.middle_name, r.last_name)
      FROM roster_record r
      WHERE c.decision IS NOT NULL AND r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm`);
    const invisible = `'[\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]'`;
    await q.query(`UPDATE certification SET credential_number_norm = regexp_replace(credential_number_norm, ${invisible}, '', 'g')
      WHERE credential_number_norm ~ ${invisible}`);
    await q.query(`UPDATE roster_record r SET credential_number_norm = regexp_replace(r.credential_number_norm, ${invisible}, '', 'g')
      WHERE r.credential_number_norm ~ ${invisible} AND NOT EXISTS (SELECT 1 FROM roster_record o
        WHERE o.association_id = r.association_id AND o.credential_number_norm = regexp_replace(r.credential_number_norm, ${invisible}, '', 'g'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE certification DROP COLUMN decided_holder');
  }
}
