import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Exactly an http(s) origin as browsers send it: scheme, host, optional port; no path, no trailing slash. */
export function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const IsOrigin = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isOrigin',
      validator: {
        validate: isOrigin,
        defaultMessage: () => 'each value in $property must be an origin such as https://example.com (no path)',
      },
    },
    options,
  );

export class CreatePartnerDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Browser origins that get CORS for this partner's key, e.g. `https://clinic.example` (lowercase, no path). */
  @IsArray()
  @ArrayMaxSize(50)
  @IsOrigin({ each: true })
  allowedOrigins!: string[];
}

export class UsageQueryDto {
  /** How many days back from today (UTC), 1–366. */
  @ApiProperty({ required: false, default: 30, minimum: 1, maximum: 366 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 30;
}

export class PartnerKeyDto {
  id!: string;
  /** Shown once: only its SHA-256 hash is stored. Send it as the X-Api-Key header. */
  apiKey!: string;
}

export class UsageDayDto {
  /** YYYY-MM-DD (UTC). */
  day!: string;
  requests!: number;
}

export class PartnerUsageDto {
  items!: UsageDayDto[];
  /** Always null: the whole range comes in one page. */
  nextCursor!: string | null;
}
