import { MigrationInterface, QueryRunner } from 'typeorm';

const ITEM_ARGUMENTS =
  'therapist_id, display_name, city, region, specialties, conditions, rating_average, rating_count';

/**
 * Each therapist_search row carries its search result item as ready JSON text, so that a search page is read, not
 * assembled: building the item per row and query took about a sixth of the search's database time, and parsing the
 * separate columns most of the app's share. What depends on the search or on the day is left out and added per
 * query: the distance, `verified`, and the credentials' statuses once one of them may have lapsed.
 *
 * - item: {id, displayName, city, region, specialties, conditions, rating} (compact JSON);
 * - credentials_json: [{associationSlug, credentialType, status}] with the statuses as of the refresh;
 * - credentials_until: the last day on which credentials_json is still right (the earliest expiry still ahead
 *   at the refresh); past it the search recomputes the statuses with certification_effective_status().
 */
export class StoreSearchItems1764201650000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION search_item(id uuid, display_name text, city text, region text, specialties text[],
                                  conditions text[], rating_average double precision, rating_count integer)
      RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT row_to_json(i)::text
            FROM (SELECT id, display_name AS "displayName", city, region, specialties, conditions,
                         (SELECT row_to_json(r) FROM (SELECT rating_average AS average, rating_count AS count) r) AS rating) i $$`);
    await q.query(`
      CREATE FUNCTION search_credentials(credentials jsonb) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT '[' || coalesce(string_agg(row_to_json(x)::text, ',' ORDER BY e.n), '') || ']'
            FROM jsonb_array_elements(credentials) WITH ORDINALITY AS e(c, n),
                 LATERAL (SELECT e.c->>'associationSlug' AS "associationSlug", e.c->>'credentialType' AS "credentialType",
                                 certification_effective_status(e.c->>'status', (e.c->>'expiresOn')::date) AS status) x $$`);
    await q.query(`
      CREATE FUNCTION search_credentials_until(credentials jsonb) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT min((c->>'expiresOn')::date) FROM jsonb_array_elements(credentials) c
            WHERE (c->>'expiresOn')::date >= current_date $$`);

    await q.query(`ALTER TABLE therapist_search ADD COLUMN item text, ADD COLUMN credentials_json text,
                   ADD COLUMN credentials_until date`);
    await q.query(`
      CREATE OR REPLACE VIEW therapist_search_source AS
        SELECT t.*, search_item(${ITEM_ARGUMENTS}) AS item, search_credentials(t.credentials) AS credentials_json,
               search_credentials_until(t.credentials) AS credentials_until
        FROM (${PROFILE_SOURCE}) t`);
    await q.query(`
      UPDATE therapist_search SET item = search_item(${ITEM_ARGUMENTS}), credentials_json = search_credentials(credentials),
             credentials_until = search_credentials_until(credentials)`);
    await q.query(
      'ALTER TABLE therapist_search ALTER COLUMN item SET NOT NULL, ALTER COLUMN credentials_json SET NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW therapist_search_source');
    await q.query(`CREATE VIEW therapist_search_source AS ${PROFILE_SOURCE}`);
    await q.query(
      'ALTER TABLE therapist_search DROP COLUMN item, DROP COLUMN credentials_json, DROP COLUMN credentials_until',
    );
    await q.query('DROP FUNCTION search_credentials_until(jsonb)');
    await q.query('DROP FUNCTION search_credentials(jsonb)');
    await q.query('DROP FUNCTION search_item(uuid, text, text, text, text[], text[], double precision, integer)');
  }
}

/** therapist_search_source's query as CreateTherapistSearch created it (this migration reads and recreates it). */
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
