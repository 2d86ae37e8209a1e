import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { CERTIFICATION_STATUSES } from '../check/check';
import { IsCalendarDate } from './is-calendar-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCertificationDto {
  @IsString()
  @MaxLength(60)
  associationSlug!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  credentialType!: string;

  /** Compared without case, spaces or dashes. */
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  @Matches(/[\p{L}\p{N}]/u, { message: 'credentialNumber must contain letters or digits' })
  credentialNumber!: string;

  /** YYYY-MM-DD */
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string;

  /** YYYY-MM-DD; the roster record's expiry wins when it has one. */
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string;
}

export class DecisionDto {
  @IsIn(['verify', 'reject'])
  decision!: 'verify' | 'reject';

  /** Why; shown in the audit trail. */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReviewQueueQueryDto extends CursorQueryDto {
  /** Which certifications to list (their status as read now); default `needs_review`. */
  @ApiProperty({ required: false, enum: CERTIFICATION_STATUSES, default: 'needs_review' })
  @IsOptional()
  @IsIn(CERTIFICATION_STATUSES)
  status: (typeof CERTIFICATION_STATUSES)[number] = 'needs_review';
}

export class VerifyQueryDto {
  /** The association's slug. */
  @IsString()
  @MaxLength(60)
  association!: string;

  @IsString()
  @MaxLength(64)
  @Matches(/[\p{L}\p{N}]/u, { message: 'credentialNumber must contain letters or digits' })
  credentialNumber!: string;
}
