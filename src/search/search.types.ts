export const SORT_ORDERS = ['distance', 'rating', 'relevance'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** A fully resolved search: the point, the ids behind the slugs, and where the page starts. */
export interface SearchCriteria {
  lat: number;
  lng: number;
  radiusKm: number;
  conditionId?: number;
  specialtyId?: number;
  language?: string;
  acceptingNewClients?: boolean;
  sessionLength?: number;
  minRating?: number;
  q?: string;
  verifiedOnly: boolean;
  sort: SortOrder;
  limit: number;
  after?: (number | string)[];
}

export interface SearchRow {
  total: number;
  id: string | null;
  k0: number | null;
  k1: number | string | null;
  k2?: string | null;
  lat: number;
  lng: number;
  /** The item as stored (JSON): all but what depends on the search or the day. */
  item: string;
  verified: boolean;
  /** JSON: the credentials with their statuses today. */
  credentials: string;
}
