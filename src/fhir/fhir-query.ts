import { badParameter, FhirError } from './fhir-error';
import {
  DEFAULT_COUNT,
  FhirResourceType,
  INCLUDES,
  MAX_COUNT,
  RESULT_PARAMETERS,
  REVINCLUDES,
  SEARCH_PARAMETERS,
} from './fhir-search-parameters';
import { parseNear, parseReferences, parseToken, parseIds, NearPoint, TokenValue } from './fhir-values';

export type RawQuery = Record<string, string | string[] | undefined>;
export type TotalMode = 'none' | 'estimate' | 'accurate';

/** A search as the parameters asked for it. Id lists hold UUIDs only: any other id can match nothing. */
export interface FhirSearch {
  type: FhirResourceType;
  count: number;
  total: TotalMode;
  cursor?: string;
  include: string[];
  revinclude: string[];
  ids?: string[];
  name?: { text: string; match: 'words' | 'contains' | 'exact' };
  practitioner?: string[];
  location?: string[];
  target?: string[];
  specialty?: TokenValue[];
  near?: NearPoint;
  /** The parameters as given, but the cursor: the self and next links repeat them. */
  query: [string, string][];
}

const FORMATS = ['json', 'application/json', 'application/fhir+json'];
const REPEATABLE = new Set(['_include', '_revinclude']);
const MAX_TEXT = 200;

function single(name: string, values: string[]): string {
  if (values.length > 1 && !REPEATABLE.has(name)) {
    throw badParameter(name, `${name} may be given only once.`, 'not-supported');
  }
  return values[0];
}

function checkFormat(value: string): void {
  if (!FORMATS.includes(value)) {
    throw new FhirError(406, 'not-supported', `Only JSON is served (_format=${FORMATS.join(', ')}).`, ['_format']);
  }
}

function applyResultParameter(search: FhirSearch, name: string, value: string): void {
  switch (name) {
    case '_count': {
      const count = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
      if (!(count >= 1 && count <= MAX_COUNT)) {
        throw badParameter(name, `_count must be a whole number from 1 to ${MAX_COUNT}.`);
      }
      search.count = count;
      return;
    }
    case '_total':
      if (value !== 'none' && value !== 'estimate' && value !== 'accurate') {
        throw badParameter(name, '_total must be none, estimate or accurate.');
      }
      search.total = value;
      return;
    case '_cursor':
      search.cursor = value;
      return;
    case '_format':
      checkFormat(value);
      return;
  }
}

function applyInclude(search: FhirSearch, name: '_include' | '_revinclude', values: string[]): void {
  const allowed = (name === '_include' ? INCLUDES : REVINCLUDES)[search.type];
  for (const value of values) {
    if (!allowed.includes(value)) {
      const supported = allowed.length ? `supported: ${allowed.join(', ')}` : 'none supported';
      throw badParameter(name, `${name}=${value} is not supported on ${search.type} (${supported}).`, 'not-supported');
    }
    search[name === '_include' ? 'include' : 'revinclude'].push(value);
  }
}

function applySearchParameter(search: FhirSearch, name: string, modifier: string | undefined, value: string): void {
  switch (name) {
    case '_id':
      search.ids = parseIds(name, value);
      return;
    case 'name':
      if (value.length > MAX_TEXT || !/[\p{L}\p{N}]/u.test(value)) {
        throw badParameter(name, `name must hold letters or digits, at most ${MAX_TEXT} characters.`);
      }
      search.name = {
        text: value,
        match: modifier === 'exact' ? 'exact' : modifier === 'contains' ? 'contains' : 'words',
      };
      return;
    case 'practitioner':
    case 'target':
      search[name] = parseReferences(name, value, 'Practitioner');
      return;
    case 'location':
      search.location = parseReferences(name, value, 'Location');
      return;
    case 'specialty':
      search.specialty = value.split(',').map((token) => parseToken(name, token));
      return;
    case 'near':
      search.near = parseNear(value);
      return;
  }
}

/** Reads a search's query string: every parameter must be one this resource supports, with a well-formed value. */
export function parseSearch(type: FhirResourceType, raw: RawQuery): FhirSearch {
  const search: FhirSearch = { type, count: DEFAULT_COUNT, total: 'estimate', include: [], revinclude: [], query: [] };
  const definitions = SEARCH_PARAMETERS[type];
  const seen = new Set<string>();
  for (const [key, given] of Object.entries(raw)) {
    const values = (Array.isArray(given) ? given : [given ?? '']).map((v) => v.trim());
    const [name, modifier] = key.split(':', 2);
    if (seen.has(name) && !REPEATABLE.has(name)) {
      throw badParameter(key, `${name} may be given only once.`, 'not-supported');
    }
    seen.add(name);
    if (values.some((v) => v === '')) {
      throw badParameter(key, `${key} has no value.`);
    }
    if (key !== '_cursor') {
      search.query.push(...values.map((v): [string, string] => [key, v]));
    }
    const value = single(key, values);
    if (name === '_include' || name === '_revinclude') {
      if (modifier !== undefined) {
        throw badParameter(key, `${name} takes no modifier.`, 'not-supported');
      }
      applyInclude(search, name, values);
    } else if (RESULT_PARAMETERS.some((p) => p.name === name) || name === '_cursor' || name === '_format') {
      if (modifier !== undefined) {
        throw badParameter(key, `${name} takes no modifier.`, 'not-supported');
      }
      applyResultParameter(search, name, value);
    } else {
      const definition = definitions.find((d) => d.name === name);
      if (!definition) {
        throw badParameter(key, `${key} is not a supported search parameter of ${type}.`, 'not-supported');
      }
      if (modifier !== undefined && !definition.modifiers?.includes(modifier)) {
        throw badParameter(key, `The modifier :${modifier} is not supported on ${name}.`, 'not-supported');
      }
      applySearchParameter(search, name, modifier, value);
    }
  }
  if (search.near && search.ids) {
    throw badParameter('near', 'near cannot be combined with _id.', 'not-supported');
  }
  return search;
}

/** A read or the CapabilityStatement takes no parameter but `_format`. */
export function checkReadQuery(raw: RawQuery): void {
  for (const [key, given] of Object.entries(raw)) {
    if (key !== '_format') {
      throw badParameter(key, `${key} is not supported on a read (only _format is).`, 'not-supported');
    }
    checkFormat(single(key, Array.isArray(given) ? given : [given ?? '']));
  }
}
