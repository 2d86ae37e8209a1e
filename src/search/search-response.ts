import { ProblemException } from '../common/problem';
import { greatCircleKm } from './search-sql';
import { SearchRow } from './search.types';

export interface SearchItem {
  id: string;
  displayName: string;
  distanceKm: number;
  city: string;
  region: string;
  specialties: string[];
  conditions: string[];
  rating: { average: number | null; count: number };
  verified: boolean;
  credentials: { associationSlug: string; credentialType: string; status: string }[];
}

export interface SearchResponse {
  items: SearchItem[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  query: Record<string, unknown>;
}

/** A 422 naming the input that could not be resolved (place, condition text, specialty). */
export const refused = (field: string, detail: string) =>
  new ProblemException(422, detail, [{ field, message: 'could not be resolved' }]);

/** Statuses that turn into `expired` once the expiry date has passed (as certification_effective_status()). */
const LAPSING = new Set(['verified', 'needs_review', 'unmatched']);

/** Today as the UTC date, the same "today" the database uses for expiry. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** A result item, `origin` being the search point and `today` the UTC date of todayUtc(). */
export function toItem(row: SearchRow, origin: { lat: number; lng: number }, today: string): SearchItem {
  return {
    id: row.id!,
    displayName: row.display_name,
    distanceKm: Math.round(greatCircleKm(origin.lat, origin.lng, row.lat, row.lng) * 100) / 100,
    city: row.city,
    region: row.region,
    specialties: row.specialties,
    conditions: row.conditions,
    rating: { average: row.rating_average, count: row.rating_count },
    verified: row.verified,
    credentials: row.credentials.map((c) => ({
      associationSlug: c.associationSlug,
      credentialType: c.credentialType,
      status: LAPSING.has(c.status) && c.expiresOn !== null && c.expiresOn < today ? 'expired' : c.status,
    })),
  };
}
