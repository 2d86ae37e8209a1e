import { createHash } from 'node:crypto';
import { SearchCriteria, SortOrder } from './search.types';

/** The text-match threshold for `q` (pg_trgm word similarity): one typo in a short name still matches. */
export const Q_SIMILARITY = 0.5;
/** Counting stops here: `total` is exact up to this many matches, and flagged as capped beyond. */
export const TOTAL_CAP = 100;
/** Earth radius of the earthdistance module (earth()), metres. */
const EARTH_RADIUS_M = 6378168;

export interface BuiltQuery {
  /** A prepared-statement name per statement shape: PostgreSQL parses and plans each shape once per connection. */
  name: string;
  text: string;
  values: unknown[];
}

type Param = (value: unknown) => string;

/** The straight-line (chord) length of a great-circle distance: the distance the index orders by. */
export function chordOf(radiusKm: number): number {
  return 2 * EARTH_RADIUS_M * Math.sin((radiusKm * 1000) / (2 * EARTH_RADIUS_M));
}

/**
 * Builds the one statement that answers a search: the (capped) total and the page after the cursor, with the
 * stored result items of the page's rows.
 *
 * With a condition, candidates come from that condition's partition of therapist_search_condition (GiST on
 * point), whose rows carry the result items; without, from therapist_search (partial GiST on point, published
 * only). Counting is index-only. The radius is an index qual (the earth_box, widened by the id coordinate)
 * refined by the chord length. For `distance`, `fetch` rows are
 * read nearest-first straight from the index (`ORDER BY point <-> origin LIMIT fetch`), and the caller puts them
 * in (distance, id) order and checks that no tie at the page edge was cut off. Other sorts rank every match in the
 * radius. Rows come back in no particular order (the caller sorts the page), and with no match, as one row that
 * only carries the total.
 */
export function buildSearchQuery(c: SearchCriteria, fetch: number): BuiltQuery {
  const { values, param, base, after, named, outer, id, order, selected } = statementParts(c);
  // A parameter, not a constant: the generic plan then assumes the LIMIT stops early and counts with an index scan
  // that does. With 101 written out, a partition without a set visibility map (fresh after a bulk load) gets a bitmap
  // scan that visits every match in the box first (14–67 ms instead of 0.6 ms near Manhattan).
  const cap = param(TOTAL_CAP + 1);
  const text = `
    SELECT t.total, ${outer}, ${id} AS id, ${RESULT_COLUMNS(id)}
    FROM (SELECT count(*)::int AS total FROM (SELECT 1 ${base} LIMIT ${cap}) capped) t
    LEFT JOIN LATERAL (
      SELECT ${named}, ${selected} ${base} ${after} ORDER BY ${order} LIMIT ${param(fetch)}
    ) p ON true`;
  return { name: statementName(text), text, values };
}

/**
 * A by-distance page that ended in a tie: the matches after the cursor at exactly distance `tie.k0` from the origin
 * and at the place (lat, lng) where the tied rows lie, by id, at most `limit` (no total). Therapists at one place tie
 * when their ids' leading bits, which order them within the place, are too close to move the distance (ids made in
 * sequence); the nearest-first read cannot order them by id, so they are read here by (lat, lng, id) from the
 * place index, starting after the cursor's id when the cursor lies in the tie.
 */
export function buildTieQuery(
  c: SearchCriteria,
  tie: { k0: number; lat: number; lng: number },
  limit: number,
): BuiltQuery {
  const { values, param, base, after, named, outer, id, selected, distance } = statementParts(c);
  const place = `c.lat = ${param(tie.lat)}::float8 AND c.lng = ${param(tie.lng)}::float8`;
  const inTie = c.after !== undefined && c.after[0] === tie.k0;
  const start = inTie ? `AND c.therapist_id > ${param(c.after![c.after!.length - 1])}::uuid` : '';
  const text = `
    SELECT NULL::int AS total, ${outer}, ${id} AS id, ${RESULT_COLUMNS(id)}
    FROM (
      SELECT ${named}, ${selected} ${base} AND ${place} AND ${distance} = ${param(tie.k0)}::float8 ${start} ${after}
      ORDER BY c.lat, c.lng, c.therapist_id LIMIT ${param(limit)}
    ) p`;
  return { name: statementName(text), text, values };
}

const RESULT_COLUMNS = (id: string) => `p.lat, p.lng, p.item,
           coalesce(p.verified_until >= current_date, false) AS verified,
           CASE WHEN p.credentials_until < current_date
                THEN (SELECT search_credentials(x.credentials) FROM therapist_search x WHERE x.therapist_id = ${id})
                ELSE p.credentials_json END AS credentials`;

/** The pieces both statements share: the candidates and filters, the sort keys, the keyset and the row's columns. */
function statementParts(c: SearchCriteria) {
  const chord = chordOf(c.radiusKm);
  const values: unknown[] = [originCube(c.lat, c.lng), boxCube(c.lat, c.lng, chord), chord];
  const param: Param = (value) => `$${values.push(value)}`;
  // With `q`, the trigram index on therapist_search finds the few name matches faster than walking a condition's
  // partition nearest-first and testing every therapist in a dense city (~15,000 within 25 km of New York).
  const byCondition = c.conditionId !== undefined && c.q === undefined;
  const origin = '$1::cube';
  const profile = byCondition ? 's' : 'c';
  const where: string[] = [
    ...(byCondition ? [] : ['c.published']),
    `$2::cube @> c.point`,
    `(c.point <-> ${origin}) <= $3::float8`,
  ];
  if (c.verifiedOnly) {
    where.push('c.verified_until >= current_date');
  }
  const q = c.q !== undefined ? param(c.q) : undefined;
  const filters = profileFilters(c, profile, param, q);
  where.push(...filters);
  const needsProfile = byCondition && (filters.length > 0 || c.sort !== 'distance');
  const from = byCondition ? `${conditionPartition(c.conditionId!)} c` : 'therapist_search c';
  const join = needsProfile ? 'JOIN therapist_search s ON s.therapist_id = c.therapist_id' : '';

  const distance = `(c.point <-> ${origin})`;
  const score = q ? `word_similarity(${q}, ${profile}.search_text)::float8` : '0::float8';
  const keys = sortKeys(c.sort, distance, score, profile);
  const shown = needsProfile ? 's' : 'c';
  const columns = ['lat', 'lng', 'item', 'verified_until', 'credentials_json', 'credentials_until'];
  return {
    values,
    param,
    distance,
    base: `FROM ${from} ${join} WHERE ${where.join(' AND ')}`,
    after: c.after ? `AND (${keys.join(', ')}) > (${afterValues(c.after, param)})` : '',
    named: keys.map((k, i) => `${k} AS k${i}`).join(', '),
    outer: keys.map((_, i) => `p.k${i}`).join(', '),
    id: `p.k${keys.length - 1}`,
    order: c.sort === 'distance' ? distance : keys.join(', '),
    selected: columns.map((col) => `${shown}.${col}`).join(', '),
  };
}

const statementNames = new Map<string, string>();

/** One name per statement shape (sort, which filters, the condition's partition), remembered for the common ones. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `search_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size >= 1000) {
      statementNames.clear();
    }
    statementNames.set(text, name);
  }
  return name;
}

/** The earth point of ll_to_earth(lat, lng) with the id coordinate 0, computed here rather than per row in SQL. */
function earthPoint(lat: number, lng: number): [number, number, number] {
  const [phi, lambda] = [(lat * Math.PI) / 180, (lng * Math.PI) / 180];
  return [
    EARTH_RADIUS_M * Math.cos(phi) * Math.cos(lambda),
    EARTH_RADIUS_M * Math.cos(phi) * Math.sin(lambda),
    EARTH_RADIUS_M * Math.sin(phi),
  ];
}

/**
 * earth_distance(ll_to_earth(a), ll_to_earth(b)) in km, computed as earthdistance does (the chord between the earth
 * points, turned into the arc). In SQL these are SQL-language functions that PostgreSQL cannot inline and so parses
 * and runs per row, which cost a third of the search's database time.
 */
export function greatCircleKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const [a, b] = [earthPoint(lat1, lng1), earthPoint(lat2, lng2)];
  const chord = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, chord / (2 * EARTH_RADIUS_M)))) / 1000;
}

/**
 * The search origin as a cube literal. Passed as a parameter, the generic plan of a prepared statement would
 * otherwise evaluate ll_to_earth() (and its domain checks) again for every index entry it filters and orders.
 */
export function originCube(lat: number, lng: number): string {
  return `(${earthPoint(lat, lng).join(', ')}, 0)`;
}

/** cube(earth_box(origin, radius), 0, 1): the origin widened by the chord in each of x, y, z, any id coordinate. */
export function boxCube(lat: number, lng: number, chord: number): string {
  const p = earthPoint(lat, lng);
  return `(${p.map((v) => v - chord).join(', ')}, 0), (${p.map((v) => v + chord).join(', ')}, 1)`;
}

/**
 * The condition's own partition, named directly: its statements plan against one small table (PostgreSQL 15 would
 * otherwise either re-plan every execution to prune, or lock every partition to run a generic plan).
 */
export function conditionPartition(conditionId: number): string {
  if (!Number.isInteger(conditionId) || conditionId < 1) {
    throw new Error(`not a condition id: ${conditionId}`);
  }
  return `therapist_search_condition_${conditionId}`;
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
    case 'distance':
      return [chord, 'c.therapist_id'];
  }
}

function profileFilters(c: SearchCriteria, s: string, param: Param, q: string | undefined): string[] {
  const filters: string[] = [];
  if (c.conditionId !== undefined && s === 'c') {
    filters.push(`${s}.condition_ids @> ARRAY[${param(c.conditionId)}::smallint]`);
  }
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
    // word_similarity(q, text) >= pg_trgm.word_similarity_threshold, set to Q_SIMILARITY on every connection: as an
    // operator it can use the trigram index, where a dense city has tens of thousands of candidates to compare.
    filters.push(`${q} <% ${s}.search_text`);
  }
  return filters;
}
