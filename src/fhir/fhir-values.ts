import { badParameter } from './fhir-error';
import { DEFAULT_NEAR_KM, MAX_NEAR_KM } from './fhir-search-parameters';

export interface TokenValue {
  system?: string;
  code: string;
}

export interface NearPoint {
  lat: number;
  lng: number;
  km: number;
}

/** The FHIR id syntax. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^[-+]?\d{1,3}(\.\d{1,15})?$/;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

function ids(name: string, values: string[]): string[] {
  for (const id of values) {
    if (!FHIR_ID.test(id)) {
      throw badParameter(name, `${name}: "${id}" is not a FHIR id.`);
    }
  }
  // Every id the server gives out is a UUID: any other well-formed id matches nothing.
  return values.filter(isUuid).map((id) => id.toLowerCase());
}

export function parseIds(name: string, value: string): string[] {
  return ids(name, value.split(','));
}

/** `Type/id`, `id` or an absolute URL ending in `Type/id`; several separated by commas. */
export function parseReferences(name: string, value: string, type: string): string[] {
  const parsed = value.split(',').map((reference) => {
    const parts = reference.split('/');
    if (parts.length > 1 && parts[parts.length - 2] !== type) {
      throw badParameter(name, `${name} refers to ${type} resources ("${type}/{id}" or "{id}"), not "${reference}".`);
    }
    return parts[parts.length - 1];
  });
  return ids(name, parsed);
}

/** `system|code`, `|code` (no system) or `code` (any system). */
export function parseToken(name: string, token: string): TokenValue {
  const bar = token.indexOf('|');
  const [system, code] = bar === -1 ? [undefined, token] : [token.slice(0, bar), token.slice(bar + 1)];
  if (!code || code.length > 100) {
    throw badParameter(name, `${name}: "${token}" is not a token (system|code or code).`);
  }
  return { system, code };
}

function coordinate(text: string | undefined, limit: number, what: string): number {
  const value = text !== undefined && DECIMAL.test(text) ? Number(text) : NaN;
  if (!(Math.abs(value) <= limit)) {
    throw badParameter('near', `near: the ${what} must be a decimal number from -${limit} to ${limit}.`);
  }
  return value;
}

/** `LAT|LNG|DIST|UNIT`, where DIST and UNIT may be left out (25, km). */
export function parseNear(value: string): NearPoint {
  const parts = value.split('|');
  if (parts.length < 2 || parts.length > 4) {
    throw badParameter('near', 'near must be LAT|LNG|DIST|km, e.g. 40.7128|-74.0060|10|km.');
  }
  const [lat, lng, dist, unit] = parts;
  const km =
    dist === undefined || dist === '' ? DEFAULT_NEAR_KM : /^\d{1,4}(\.\d{1,6})?$/.test(dist) ? Number(dist) : NaN;
  if (!(km > 0 && km <= MAX_NEAR_KM)) {
    throw badParameter('near', `near: the distance must be a number above 0 and at most ${MAX_NEAR_KM}.`);
  }
  if (unit !== undefined && unit !== '' && unit !== 'km') {
    throw badParameter('near', 'near: the only distance unit served is km.', 'not-supported');
  }
  return { lat: coordinate(lat, 90, 'latitude'), lng: coordinate(lng, 180, 'longitude'), km };
}
