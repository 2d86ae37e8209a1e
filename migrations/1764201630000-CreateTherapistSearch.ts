import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The denormalised search tables, kept in sync inside the writing transaction by statement-level triggers.
 *
 * therapist_search holds one row per profile with everything a result item shows and every filter needs.
 * therapist_search_condition holds one row per (published therapist, condition) with the point and the
 * verification horizon. It is list-partitioned by condition (a partition per condition, created with the
 * condition), each with a GiST on the point: the hot query prunes to one condition's partition and walks it
 * nearest-first, index-only. (A composite (condition_id, point) GiST mixes all conditions in every page near a
 * city, so a page of 20 reads ~30 times the index entries.)
 *
 * `point` is the earth point (ll_to_earth, metres) with a fourth coordinate w in [0, 1) m taken from the
 * therapist id. Therapists at the same place (a postal-code centroid) then sit at distinct distances that
 * order them by id, so a nearest-first index scan yields (distance, id) order without a sort; for distinct
 * places the shift is below a millimetre.
 */
export class CreateTherapistSearch1764201630000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE therapist_search (
        therapist_id uuid PRIMARY KEY REFERENCES therapist_profile(id) ON DELETE CASCADE,
        published boolean NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        point cube NOT NULL,
        display_name text NOT NULL,
        city text NOT NULL,
        region text NOT NULL,
        condition_ids smallint[] NOT NULL,
        conditions text[] NOT NULL,
        specialty_ids smallint[] NOT NULL,
        specialties text[] NOT NULL,
        languages text[] NOT NULL,
        session_lengths integer[] NOT NULL,
        accepting_new_clients boolean NOT NULL,
        rating_count integer NOT NULL,
        rating_average double precision,
        verified_until date,
        credentials jsonb NOT NULL,
        search_text text NOT NULL
      )`);
    await q.query(
      'CREATE INDEX ix_therapist_search_point ON therapist_search USING gist (point) INCLUDE (verified_until, therapist_id) WHERE published',
    );
    await q.query(`
      CREATE TABLE therapist_search_condition (
        therapist_id uuid NOT NULL,
        condition_id smallint NOT NULL,
        point cube NOT NULL,
        verified_until date,
        PRIMARY KEY (therapist_id, condition_id)
      ) PARTITION BY LIST (condition_id)`);
    await q.query('CREATE TABLE therapist_search_condition_default PARTITION OF therapist_search_condition DEFAULT');
    await q.query(`
      CREATE FUNCTION search_condition_partition(id smallint) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF therapist_search_condition FOR VALUES IN (%s)',
                       'therapist_search_condition_' || id, id);
      END $$`);
    await q.query(`
      CREATE FUNCTION search_condition_partition_for_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_condition_partition(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_condition_search_partition AFTER INSERT ON condition
      FOR EACH ROW EXECUTE FUNCTION search_condition_partition_for_new()`);
    await q.query('SELECT search_condition_partition(id) FROM condition');
    await q.query(
      'CREATE INDEX ix_therapist_search_condition_point ON therapist_search_condition USING gist (point) INCLUDE (verified_until, therapist_id, condition_id)',
    );

    await q.query(`
      CREATE FUNCTION search_normalize(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(immutable_unaccent(regexp_replace(btrim($1), '\\s+', ' ', 'g'))) $$`);

    await q.query(`
      CREATE FUNCTION search_point(lat double precision, lng double precision, id uuid) RETURNS cube
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT cube(ll_to_earth(lat, lng), w, w)
            FROM (SELECT ('x' || substr(replace(id::text, '-', ''), 1, 13))::bit(52)::bigint::float8 / 4503599627370496.0 AS w) t $$`);

    await q.query(`CREATE VIEW therapist_search_source AS ${PROFILE_SOURCE}`);
    await q.query(REFRESH_FUNCTION);

    await q.query(`
      CREATE FUNCTION search_sync_from_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM refresh_therapist_search(ARRAY(SELECT DISTINCT therapist_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM refresh_therapist_search(ARRAY(SELECT DISTINCT therapist_id FROM old_rows));
        ELSE
          PERFORM refresh_therapist_search(ARRAY(SELECT therapist_id FROM new_rows UNION SELECT therapist_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION search_sync_from_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_therapist_search(ARRAY(SELECT id FROM new_rows));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION search_sync_from_associations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_therapist_search(ARRAY(
          SELECT DISTINCT x.therapist_id FROM certification x JOIN new_rows a ON a.id = x.association_id
          JOIN old_rows o ON o.id = a.id WHERE o.slug IS DISTINCT FROM a.slug));
        RETURN NULL;
      END $$`);

    for (const table of ['therapist_condition', 'therapist_specialty', 'certification', 'therapist_rating']) {
      await q.query(`CREATE TRIGGER trg_${table}_search_ins AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_sync_from_rows()`);
      await q.query(`CREATE TRIGGER trg_${table}_search_upd AFTER UPDATE ON ${table}
        REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_sync_from_rows()`);
      await q.query(`CREATE TRIGGER trg_${table}_search_del AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_sync_from_rows()`);
    }
    await q.query(`CREATE TRIGGER trg_therapist_profile_search_ins AFTER INSERT ON therapist_profile
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_sync_from_profiles()`);
    await q.query(`CREATE TRIGGER trg_therapist_profile_search_upd AFTER UPDATE ON therapist_profile
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_sync_from_profiles()`);
    await q.query(`CREATE TRIGGER trg_association_search_upd AFTER UPDATE ON association
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_sync_from_associations()`);
    await q.query('SELECT refresh_therapist_search()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER trg_association_search_upd ON association');
    await q.query('DROP TRIGGER trg_therapist_profile_search_upd ON therapist_profile');
    await q.query('DROP TRIGGER trg_therapist_profile_search_ins ON therapist_profile');
    for (const table of ['therapist_rating', 'certification', 'therapist_specialty', 'therapist_condition']) {
      for (const op of ['del', 'upd', 'ins']) {
        await q.query(`DROP TRIGGER trg_${table}_search_${op} ON ${table}`);
      }
    }
    await q.query('DROP FUNCTION search_sync_from_associations()');
    await q.query('DROP FUNCTION search_sync_from_profiles()');
    await q.query('DROP FUNCTION search_sync_from_rows()');
    await q.query('DROP FUNCTION refresh_therapist_search(uuid[])');
    await q.query('DROP VIEW therapist_search_source');
    await q.query('DROP FUNCTION search_point(double precision, double precision, uuid)');
    await q.query('DROP FUNCTION search_normalize(text)');
    await q.query('DROP TRIGGER trg_condition_search_partition ON condition');
    await q.query('DROP FUNCTION search_condition_partition_for_new()');
    await q.query('DROP TABLE therapist_search_condition');
    await q.query('DROP FUNCTION search_condition_partition(smallint)');
    await q.query('DROP TABLE therapist_search');
  }
}

/** The view's query as this migration created it. */
const PROFILE_SOURCE = `
  SELECT p.id AS therapist_id, p.published, p.lat, p.lng, search_point(p.lat, p.lng, p.id) AS point,
         p.display_name, p.city, p.region,
         coalesce(c.id_list, '{}') AS condition_ids, coalesce(c.slug_list, '{}') AS conditions,
         coalesce(s.id_list, '{}') AS specialty_ids, coalesce(s.slug_list, '{}') AS specialties,
         ARRAY(SELECT DISTINCT lower(l) FROM unnest(p.languages) l) AS languages, p.session_lengths,
         p.accepting_new_clients, coalesce(r.count, 0) AS rating_count,
         CASE WHEN r.count > 0 THEN round(r.sum::numeric / r.count, 2)::float8 END AS rating_average,
         v.until AS verified_until, coalesce(v.credentials, '[]') AS credentials,
         search_normalize(p.display_name || ' ' || p.bio) AS search_text
  FROM therapist_profile p
  LEFT JOIN therapist_rating r ON r.therapist_id = p.id
  LEFT JOIN LATERAL (
    SELECT array_agg(k.id ORDER BY k.id) AS id_list, array_agg(k.slug ORDER BY k.slug) AS slug_list
    FROM therapist_condition tc JOIN condition k ON k.slug = tc.condition_slug WHERE tc.therapist_id = p.id
  ) c ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(k.id ORDER BY k.id) AS id_list, array_agg(k.slug ORDER BY k.slug) AS slug_list
    FROM therapist_specialty ts JOIN specialty k ON k.slug = ts.specialty_slug WHERE ts.therapist_id = p.id
  ) s ON true
  LEFT JOIN LATERAL (
    SELECT max(coalesce(x.expires_on, 'infinity'::date)) FILTER (WHERE x.status = 'verified') AS until,
           jsonb_agg(jsonb_build_object('associationSlug', a.slug, 'credentialType', x.credential_type,
             'status', x.status, 'expiresOn', x.expires_on) ORDER BY a.slug, x.credential_type, x.id) AS credentials
    FROM certification x JOIN association a ON a.id = x.association_id
    WHERE x.therapist_id = p.id AND x.withdrawn_at IS NULL
  ) v ON true`;

/** refresh_therapist_search() as this migration created it. */
const REFRESH_FUNCTION = `
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
