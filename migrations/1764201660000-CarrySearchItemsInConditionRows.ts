import { MigrationInterface, QueryRunner } from 'typeorm';

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
    await q.query(REFRESH_CARRYING_ITEMS);
    await q.query('SELECT refresh_therapist_search()');
    await q.query(`ALTER TABLE therapist_search_condition ALTER COLUMN lat SET NOT NULL, ALTER COLUMN lng SET NOT NULL,
                   ALTER COLUMN item SET NOT NULL, ALTER COLUMN credentials_json SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(REFRESH_WITHOUT_ITEMS);
    await q.query(
      `ALTER TABLE therapist_search_condition DROP COLUMN lat, DROP COLUMN lng, DROP COLUMN item, DROP COLUMN credentials_json, DROP COLUMN credentials_until`,
    );
  }
}

/** refresh_therapist_search() writing the carried item columns into the condition rows. */
const REFRESH_CARRYING_ITEMS = `
    CREATE OR REPLACE FUNCTION refresh_therapist_search(ids uuid[] DEFAULT NULL) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
      n integer;
    BEGIN
      IF ids IS NULL THEN
        PERFORM set_config('maintenance_work_mem', '256MB', true);
        TRUNCATE therapist_search_condition, therapist_search;
        DROP INDEX ix_therapist_search_condition_point;
        DROP INDEX ix_therapist_search_point;
      ELSE
        PERFORM 1 FROM therapist_profile WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM therapist_search_condition WHERE therapist_id = ANY(ids);
        DELETE FROM therapist_search WHERE therapist_id = ANY(ids);
      END IF;
      IF ids IS NOT NULL THEN
        INSERT INTO therapist_search SELECT * FROM therapist_search_source WHERE therapist_id = ANY(ids);
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO therapist_search_condition (therapist_id, condition_id, point, verified_until, lat, lng, item, credentials_json, credentials_until)
        SELECT s.therapist_id, u.id, s.point, s.verified_until, s.lat, s.lng, s.item, s.credentials_json, s.credentials_until
        FROM therapist_search s, unnest(s.condition_ids) AS u(id)
        WHERE s.therapist_id = ANY(ids) AND s.published;
      ELSE
        INSERT INTO therapist_search SELECT * FROM therapist_search_source ORDER BY lat, lng, therapist_id;
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO therapist_search_condition (therapist_id, condition_id, point, verified_until, lat, lng, item, credentials_json, credentials_until)
        SELECT s.therapist_id, u.id, s.point, s.verified_until, s.lat, s.lng, s.item, s.credentials_json, s.credentials_until
        FROM therapist_search s, unnest(s.condition_ids) AS u(id)
        WHERE s.published;
        CREATE INDEX ix_therapist_search_point ON therapist_search USING gist (point) INCLUDE (verified_until, therapist_id) WHERE published;
        CREATE INDEX ix_therapist_search_condition_point ON therapist_search_condition USING gist (point) INCLUDE (verified_until, therapist_id, condition_id);
        ANALYZE therapist_search;
        ANALYZE therapist_search_condition;
      END IF;
      RETURN n;
    END $$`;

/** refresh_therapist_search() as it was before this migration. */
const REFRESH_WITHOUT_ITEMS = `
    CREATE OR REPLACE FUNCTION refresh_therapist_search(ids uuid[] DEFAULT NULL) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
      n integer;
    BEGIN
      IF ids IS NULL THEN
        PERFORM set_config('maintenance_work_mem', '256MB', true);
        TRUNCATE therapist_search_condition, therapist_search;
        DROP INDEX ix_therapist_search_condition_point;
        DROP INDEX ix_therapist_search_point;
      ELSE
        PERFORM 1 FROM therapist_profile WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM therapist_search_condition WHERE therapist_id = ANY(ids);
        DELETE FROM therapist_search WHERE therapist_id = ANY(ids);
      END IF;
      IF ids IS NOT NULL THEN
        INSERT INTO therapist_search SELECT * FROM therapist_search_source WHERE therapist_id = ANY(ids);
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO therapist_search_condition (therapist_id, condition_id, point, verified_until)
        SELECT s.therapist_id, u.id, s.point, s.verified_until
        FROM therapist_search s, unnest(s.condition_ids) AS u(id)
        WHERE s.therapist_id = ANY(ids) AND s.published;
      ELSE
        INSERT INTO therapist_search SELECT * FROM therapist_search_source ORDER BY lat, lng, therapist_id;
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO therapist_search_condition (therapist_id, condition_id, point, verified_until)
        SELECT s.therapist_id, u.id, s.point, s.verified_until
        FROM therapist_search s, unnest(s.condition_ids) AS u(id)
        WHERE s.published;
        CREATE INDEX ix_therapist_search_point ON therapist_search USING gist (point) INCLUDE (verified_until, therapist_id) WHERE published;
        CREATE INDEX ix_therapist_search_condition_point ON therapist_search_condition USING gist (point) INCLUDE (verified_until, therapist_id, condition_id);
        ANALYZE therapist_search;
        ANALYZE therapist_search_condition;
      END IF;
      RETURN n;
    END $$`;
