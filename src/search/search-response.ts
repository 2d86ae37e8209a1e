import { ProblemException } from '../common/problem';
import { greatCircleKm } from './search-sql';
import { SearchRow } from './search.types';

export interface SearchSummary {
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  query: Record<string, unknown>;
}

/** The response body: the items (already JSON) followed by the summary. */
export function responseBody(items: string[], summary: SearchSummary): string {
  return `{"items":[${items.join(',')}],${JSON.stringify(summary).slice(1)}`;
}

/** A 422 naming the input that could not be resolved (place, condition text, specialty). */
export const refused = (field: string, detail: string) =>
  new ProblemException(422, detail, [{ field, message: 'could not be resolved' }]);

/** A result item as JSON: the stored item completed with the distance from `origin`, `verified` and credentials. */
export function itemJson(row: SearchRow, origin: { lat: number; lng: number }): string {
  const distanceKm = Math.round(greatCircleKm(origin.lat, origin.lng, row.lat, row.lng) * 100) / 100;
  return `${row.item.slice(0, -1)},"distanceKm":${distanceKm},"verified":${row.verified},"credentials":${row.credentials}}`;
}
