/** A credential as search shows it; `status` is the certification's status today. */
export class SearchCredentialDto {
  associationSlug!: string;
  credentialType!: string;
  /** verified | needs_review | unmatched | rejected | expired */
  status!: string;
}

export class SearchRatingDto {
  /** Average stars, 2 decimals; null until the first review. */
  average!: number | null;
  count!: number;
}

export class SearchItemDto {
  id!: string;
  displayName!: string;
  /** Great-circle distance from the search point, km, 2 decimals. */
  distanceKm!: number;
  city!: string;
  region!: string;
  /** Specialty slugs. */
  specialties!: string[];
  /** Condition slugs. */
  conditions!: string[];
  rating!: SearchRatingDto;
  /** At least one certification is verified and unexpired today (UTC). */
  verified!: boolean;
  credentials!: SearchCredentialDto[];
}

export class SearchResultDto {
  items!: SearchItemDto[];
  /** The number of matches over all pages: exact up to 100; beyond that 100 with `totalCapped: true`. */
  total!: number;
  /** True when there are more than `total` matches (counting stops at 100). */
  totalCapped!: boolean;
  /** Cursor for the next page, or null on the last one. */
  nextCursor!: string | null;
  /** The resolved search: point (lat, lng), radiusKm, the condition slug free text resolved to, filters, sort, limit. */
  query!: Record<string, unknown>;
}
