import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsNumber,
  IsOptional,
  IsPhoneNumber,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IfPresent, IsText, trim } from '../../taxonomy/dto/taxonomy-fields';
import { IsNotLessThan, upper } from './validators';

const POSTAL_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,14}[A-Za-z0-9])?$/;

export class PracticeDto {
  /** Name of the practice or clinic. */
  @IfPresent()
  @IsText(200)
  name?: string;

  @IfPresent()
  @IsText(300)
  addressLine?: string;

  @IsText(100)
  city!: string;

  /** State or province; for the US, the two-letter state code (e.g. "TX"). */
  @IsText(100)
  region!: string;

  /** Used to place the practice on the map when no `location` is given. */
  @Transform(trim)
  @Matches(POSTAL_CODE, { message: 'postalCode must be 1-16 letters, digits, spaces or dashes' })
  postalCode!: string;

  /** ISO 3166-1 alpha-2, e.g. "US". */
  @Transform(upper)
  @IsISO31661Alpha2()
  country!: string;
}

/** For PATCH: any subset of the practice fields. */
export class PracticePatchDto {
  /** null clears it. */
  @IsOptional()
  @IsText(200)
  name?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsText(300)
  addressLine?: string | null;

  @IfPresent()
  @IsText(100)
  city?: string;

  @IfPresent()
  @IsText(100)
  region?: string;

  @IfPresent()
  @Transform(trim)
  @Matches(POSTAL_CODE, { message: 'postalCode must be 1-16 letters, digits, spaces or dashes' })
  postalCode?: string;

  @IfPresent()
  @Transform(upper)
  @IsISO31661Alpha2()
  country?: string;
}

export class LocationDto {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng!: number;
}

export class PriceRangeDto {
  /** Whole currency units per session. */
  @IsInt()
  @Min(0)
  @Max(100000)
  min!: number;

  @IsInt()
  @Min(0)
  @Max(100000)
  @IsNotLessThan('min')
  max!: number;

  /** ISO 4217, e.g. "USD". */
  @Transform(upper)
  @IsISO4217CurrencyCode()
  currency!: string;
}

export class ContactDto {
  /** A phone number; national US format or international (+...). */
  @IfPresent()
  @Transform(trim)
  @IsPhoneNumber('US')
  phone?: string;

  /** An http(s) URL. */
  @IfPresent()
  @Transform(trim)
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string;

  /** The practice's public contact email (not the account email). */
  @IfPresent()
  @Transform(trim)
  @MaxLength(254)
  @IsEmail()
  email?: string;
}
