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
        ${rebuilt.map((i) => `DROP INDEX ${i.name};`).join('\n        ')}
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
