import { FhirSearch } from './fhir-query';
import { SqlValues } from './fhir-keyset';
import { directorySystems, MASSAGE_THERAPIST, SYSTEMS } from './fhir-urls';
import { TokenValue } from './fhir-values';

/** The WHERE conditions of a search over one table, with their values. */
export interface Filters {
  where: string[];
  values: unknown[];
}

/** A name's words as matched: normalised as search text is (case, accents), punctuation turned into spaces. */
const words = (sql: string) => `regexp_replace(search_normalize(${sql}), '[^[:alnum:]]+', ' ', 'g')`;

/**
 * FHIR string matching on a name column. The words of the text that are plain ASCII letters and digits (3 or more)
 * are also looked for in `searchText`, when given: the trigram index there finds the few candidates at once.
 */
function nameFilter(
  sql: SqlValues,
  column: string,
  name: NonNullable<FhirSearch['name']>,
  searchText?: string,
): string[] {
  const text = sql.param(name.text);
  const filters =
    name.match === 'exact'
      ? [`${column} = ${text}`]
      : [
          name.match === 'contains'
            ? `${words(column)} LIKE '%' || btrim(${words(text)}) || '%'`
            : `' ' || ${words(column)} LIKE '% ' || btrim(${words(text)}) || '%'`,
        ];
  if (searchText) {
    const plain = name.text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && /^[a-z0-9]+$/.test(w));
    filters.push(...plain.map((w) => `${searchText} LIKE ${sql.param(`%${w}%`)}`));
  }
  return filters;
}

/** Which of the directory's codings the tokens name: specialty slugs, condition slugs, ICD-10-CM codes, or all. */
function specialtyFilter(sql: SqlValues, tokens: TokenValue[], publicUrl: string): string {
  const systems = directorySystems(publicUrl);
  const pick = (system: string) =>
    tokens.filter((t) => t.system === undefined || t.system === system).map((t) => t.code);
  const everyone = pick(MASSAGE_THERAPIST.system).includes(MASSAGE_THERAPIST.code);
  return `(${[
    `s.specialties && ${sql.param(pick(systems.specialty))}::text[]`,
    `s.conditions && ${sql.param(pick(systems.condition))}::text[]`,
    `s.conditions && ARRAY(SELECT slug FROM condition WHERE icd10 && ${sql.param(pick(SYSTEMS.icd10cm))}::text[])`,
    ...(everyone ? ['true'] : []),
  ].join(' OR ')})`;
}

/** Practitioner, PractitionerRole and Location searches: published profiles in therapist_search `s`. */
export function therapistFilters(search: FhirSearch, publicUrl: string): Filters {
  const sql = new SqlValues();
  const where = ['s.published'];
  for (const ids of [search.ids, search.practitioner, search.location]) {
    if (ids) {
      where.push(`s.therapist_id = ANY(${sql.param(ids)}::uuid[])`);
    }
  }
  if (search.name) {
    where.push(...nameFilter(sql, 's.display_name', search.name, 's.search_text'));
  }
  if (search.specialty) {
    where.push(specialtyFilter(sql, search.specialty, publicUrl));
  }
  return { where, values: sql.values };
}

/** Organization searches: associations `a`. */
export function organizationFilters(search: FhirSearch): Filters {
  const sql = new SqlValues();
  const where: string[] = [];
  if (search.ids) {
    where.push(`a.id = ANY(${sql.param(search.ids)}::uuid[])`);
  }
  if (search.name) {
    where.push(...nameFilter(sql, 'a.name', search.name));
  }
  return { where, values: sql.values };
}

/** VerificationResult searches: certifications `c` (not withdrawn) of published profiles. */
export function verificationFilters(search: FhirSearch): Filters {
  const sql = new SqlValues();
  const where = [
    'c.withdrawn_at IS NULL',
    'EXISTS (SELECT 1 FROM therapist_profile p WHERE p.id = c.therapist_id AND p.published)',
  ];
  if (search.ids) {
    where.push(`c.id = ANY(${sql.param(search.ids)}::uuid[])`);
  }
  if (search.target) {
    where.push(`c.therapist_id = ANY(${sql.param(search.target)}::uuid[])`);
  }
  return { where, values: sql.values };
}
