import { MigrationInterface, QueryRunner } from 'typeorm';
import { CARRIED_ITEM_COLUMNS as CARRIED, refreshFunction } from './support/therapist-search';

/**
 * Each (therapist, condition) search row carries the result item too, so that a search by condition reads its
 * page from the rows its nearest-first index scan visits, instead of looking each therapist up again by id in
 * therapist_search: those lookups were about 40% of the search's database time. The rows are written in
 * location order, so the page's rows sit on a few neighbouring pages. The cost is storage: about 650 bytes per
 * (therapist, condition) instead of 80. The full credentials stay in therapist_search only (read in the rare case
 * that a stored status may have lapsed).
 *
 * Rebuilds the search tables once to fill the new columns.
 */
export class CarrySearchItemsInConditionRows1764201660000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE therapist_search_condition ADD COLUMN lat double precision, ADD COLUMN lng double precision,
                   ADD COLUMN item text, ADD COLUMN credentials_json text, ADD COLUMN credentials_until date`);
    await q.query(refreshFunction({ carried: CARRIED }));
    await q.query('SELECT refresh_therapist_search()');
    await q.query(`ALTER TABLE therapist_search_condition ALTER COLUMN lat SET NOT NULL, ALTER COLUMN lng SET NOT NULL,
                   ALTER COLUMN item SET NOT NULL, ALTER COLUMN credentials_json SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(refreshFunction({ carried: [] }));
    await q.query(`ALTER TABLE therapist_search_condition ${CARRIED.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
