import { SearchCriteria, SortOrder } from './search.types';

/** The text-match threshold for `q` (pg_trgm word similarity): one typo in a short name still matches. */
export const Q_SIMILARITY = 0.5;

export interface BuiltQuery {
  text: string;
  values: unknown[];
}

type Param = (value: unknown) => string;

/**
 * Builds the one statement that answers a search: the exact total and the page after the cursor, joined to
 * the denormalised rows that make up the items.
 *
 * With a condition, candidates come from therapist_search_condition (GiST on (condition_id, point)); without,
 * from therapist_search (partial GiST on point, published rows only). The radius is an index qual
 * (earth_box @> point) refined by the exact great-circle distance. For `distance` the page is read
 * nearest-first straight from the index (`ORDER BY point <-> origin`): no plan collects and sorts the radius.
 */
export function buildSearchQuery(c: SearchCriteria): BuiltQuery {
  const values: unknown[] = [c.lat, c.lng, c.radiusKm * 1000];
  const param: Param = (value) => `$${values.push(value)}`;
  const origin = 'll_to_earth($1::float8, $2::float8)';
  const byCondition = c.conditionId !== undefined;
  const profile = byCondition ? 's' : 'c';
  const where: string[] = [
    byCondition ? `c.condition_id = ${param(c.conditionId)}::smallint` : 'c.published',
    `earth_box(${origin}, $3::float8) @> c.point`,
    `earth_distance(${origin}, c.point) <= $3::float8`,
  ];
  if (c.verifiedOnly) {
    where.push('c.verified_until >= current_date');
  }
  const q = c.q !== undefined ? param(c.q) : undefined;
  const filters = profileFilters(c, profile, param, q);
  where.push(...filters);
  const needsProfile = byCondition && (filters.length > 0 || c.sort !== 'distance');
  const from = byCondition ? 'therapist_search_condition c' : 'therapist_search c';
  const join = needsProfile ? 'JOIN therapist_search s ON s.therapist_id = c.therapist_id' : '';

  const chord = `(c.point <-> ${origin})`;
  const score = q ? `word_similarity(${q}, ${profile}.search_text)::float8` : '0::float8';
  const keys = sortKeys(c.sort, chord, score, profile);
  const base = `FROM ${from} ${join} WHERE ${where.join(' AND ')}`;
  const after = c.after ? `AND (${keys.join(', ')}) > (${afterValues(c.after, param)})` : '';
  const named = keys.map((k, i) => `${k} AS k${i}`).join(', ');
  const outerOrder = keys.map((_, i) => `p.k${i}`).join(', ');
  const limit = param(c.limit + 1);

  const text = `
    SELECT t.total, ${outerOrder}, p.k${keys.length - 1} AS id, r.display_name, r.city, r.region, r.specialties, r.conditions,
           r.rating_average, r.rating_count, r.credentials, coalesce(r.verified_until >= current_date, false) AS verified,
           round((earth_distance(${origin}, r.point) / 1000)::numeric, 2)::float8 AS distance_km
    FROM (SELECT count(*)::int AS total ${base}) t
    LEFT JOIN LATERAL (SELECT ${named} ${base} ${after} ORDER BY ${keys.join(', ')} LIMIT ${limit}) p ON true
    LEFT JOIN therapist_search r ON r.therapist_id = p.k${keys.length - 1}
    ORDER BY ${outerOrder}`;
  return { text, values };
}

function afterValues(after: (number | string)[], param: Param): string {
  return after.map((v, i) => `${param(v)}::${i === after.length - 1 ? 'uuid' : 'float8'}`).join(', ');
}

/** The keyset: every key ascending (descending sorts negate), the therapist id last as the tie-break. */
function sortKeys(sort: SortOrder, chord: string, score: string, s: string): string[] {
  switch (sort) {
    case 'rating':
      return [`-coalesce(${s}.rating_average, 0)`, `-${s}.rating_count::float8`, 'c.therapist_id'];
    case 'relevance':
      return [`-${score}`, chord, 'c.therapist_id'];
    default:
      return [chord, 'c.therapist_id'];
  }
}

function profileFilters(c: SearchCriteria, s: string, param: Param, q: string | undefined): string[] {
  const filters: string[] = [];
  if (c.specialtyId !== undefined) {
    filters.push(`${s}.specialty_ids @> ARRAY[${param(c.specialtyId)}::smallint]`);
  }
  if (c.language !== undefined) {
    filters.push(`${s}.languages @> ARRAY[${param(c.language)}::text]`);
  }
  if (c.acceptingNewClients !== undefined) {
    filters.push(`${s}.accepting_new_clients = ${param(c.acceptingNewClients)}::boolean`);
  }
  if (c.sessionLength !== undefined) {
    filters.push(`${s}.session_lengths @> ARRAY[${param(c.sessionLength)}::int]`);
  }
  if (c.minRating !== undefined) {
    filters.push(`${s}.rating_average >= ${param(c.minRating)}::float8`);
  }
  if (q) {
    filters.push(`word_similarity(${q}, ${s}.search_text) >= ${Q_SIMILARITY}`);
  }
  return filters;
}
