import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SORT_ORDERS, SortOrder } from '../search.types';

type Raw = { value: unknown };

/** Query values arrive as strings; a repeated parameter arrives as an array and stays one (so it fails validation). */
const toNumber = ({ value }: Raw): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const toBoolean = ({ value }: Raw): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class SearchQueryDto {
  /** The point to search around, as `lat,lng` in decimal degrees. */
  @IsOptional()
  @IsString()
  @Matches(/^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$/, {
    message: 'near must be "lat,lng" in decimal degrees',
  })
  near?: string;

  /** A postal code to search around (with `country`, default US). */
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(16)
  postalCode?: string;

  /** ISO 3166-1 alpha-2 country of `postalCode` or `city` (default US). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  /** A city to search around; needs `region`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city?: string;

  /** The region (state) of `city`, e.g. TX. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region?: string;

  /** Search radius in kilometres, 1–500. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(500)
  radiusKm: number = 25;

  /** A condition slug, or free text matched against condition names and synonyms (typo-tolerant). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  condition?: string;

  /** A specialty slug. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'specialty must be a specialty slug' })
  @MaxLength(100)
  specialty?: string;

  /** A BCP 47 language tag the therapist speaks, e.g. `es`. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'language must be a BCP 47 language tag' })
  @MaxLength(35)
  language?: string;

  /** Only therapists who are (true) or are not (false) accepting new clients. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  acceptingNewClients?: boolean;

  /** Only therapists offering sessions of this many minutes (15–480). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(15)
  @Max(480)
  sessionLength?: number;

  /** Only therapists whose average rating is at least this (1–5); unrated therapists are left out. */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(5)
  minRating?: number;

  /** Free text over display name and bio, typo-tolerant. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  /** Only therapists holding a certification verified now (default true). */
  @Transform(toBoolean)
  @IsBoolean()
  verifiedOnly: boolean = true;

  /** `distance` (default), `rating` (average, then count) or `relevance` (match of `q`, then distance); ties by id. */
  @IsIn(SORT_ORDERS)
  sort: SortOrder = 'distance';

  /** Page size, 1–100. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** Opaque cursor from the previous page's `nextCursor`, valid only for the same query. */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
