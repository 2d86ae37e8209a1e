/** therapist_search_source as CreateTherapistSearch created it: one row per profile, from its tables. */
export const PROFILE_SOURCE = `
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

/** The columns of therapist_search a condition row carries since CarrySearchItemsInConditionRows. */
export const CARRIED_ITEM_COLUMNS = ['lat', 'lng', 'item', 'credentials_json', 'credentials_until'];

/** An index the full rebuild drops before the bulk insert and builds again after it. */
export interface RebuiltIndex {
  name: string;
  definition: string;
}

const GIST_INDEXES: RebuiltIndex[] = [
  {
    name: 'ix_therapist_search_point',
    definition: 'ON therapist_search USING gist (point) INCLUDE (verified_until, therapist_id) WHERE published',
  },
  {
    name: 'ix_therapist_search_condition_point',
    definition: 'ON therapist_search_condition USING gist (point) INCLUDE (verified_until, therapist_id, condition_id)',
  },
];

/**
 * refresh_therapist_search() as CreateTherapistSearch defined it, with the condition rows also carrying `carried`
 * columns of their therapist_search row and `indexes` rebuilt around a full refresh as well. Migrations pass their
 * own arguments, so each keeps the definition it had when it was written.
 */
export function refreshFunction({ carried, indexes = [] }: { carried: string[]; indexes?: RebuiltIndex[] }): string {
  const list = ['therapist_id', 'condition_id', 'point', 'verified_until', ...carried].join(', ');
  const values = ['s.therapist_id', 'u.id', 's.point', 's.verified_until', ...carried.map((c) => `s.${c}`)].join(', ');
  const rebuilt = [...GIST_INDEXES, ...indexes];
  return `
    CREATE OR REPLACE FUNCTION refresh_therapist_search(ids uuid[] DEFAULT NULL) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
      n integer;
    BEGIN
      IF ids IS NULL THEN
        PERFORM set_config('maintenance_work_mem', '256MB', true);
        TRUNCATE therapist_search_condition, therapist_search;
        ${[...rebuilt]
          .reverse()
          .map((i) => `DROP INDEX ${i.name};`)
          .join('\n        ')}
      ELSE
        PERFORM 1 FROM therapist_profile WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM therapist_search_condition WHERE therapist_id = ANY(ids);
        DELETE FROM therapist_search WHERE therapist_id = ANY(ids);
      END IF;
      IF ids IS NOT NULL THEN
        INSERT INTO therapist_search SELECT * FROM therapist_search_source WHERE therapist_id = ANY(ids);
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO therapist_search_condition (${list})
        SELECT ${values}
        FROM therapist_search s, unnest(s.condition_ids) AS u(id)
        WHERE s.therapist_id = ANY(ids) AND s.published;
      ELSE
        INSERT INTO therapist_search SELECT * FROM therapist_search_source ORDER BY lat, lng, therapist_id;
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO therapist_search_condition (${list})
        SELECT ${values}
        FROM therapist_search s, unnest(s.condition_ids) AS u(id)
        WHERE s.published;
        ${rebuilt.map((i) => `CREATE INDEX ${i.name} ${i.definition};`).join('\n        ')}
        ANALYZE therapist_search;
        ANALYZE therapist_search_condition;
      END IF;
      RETURN n;
    END $$`;
}
