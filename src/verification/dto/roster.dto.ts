import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { RECORD_STATUSES } from '../roster/roster-row';

export class RejectedRowDto {
  /** CSV: the 1-based line the record starts on (header = 1). JSON: the 1-based position in the array. */
  line!: number;
  /** Why the row was refused; never echoes the submitted values. */
  reason!: string;
}

/** One roster row of a JSON import; the CSV header uses the same names. */
export class RosterRowDto {
  credentialNumber!: string;
  firstName!: string;
  middleName?: string;
  lastName!: string;
  @ApiProperty({ enum: RECORD_STATUSES })
  status!: string;
  credentialType!: string;
  /** YYYY-MM-DD */
  issuedOn!: string;
  /** YYYY-MM-DD */
  expiresOn?: string;
  city?: string;
  region?: string;
}

export class ImportResultDto {
  inserted!: number;
  updated!: number;
  unchanged!: number;
  rejected!: RejectedRowDto[];
}

export class RecordsQueryDto extends CursorQueryDto {
  /** Exact number, compared without case, spaces or dashes. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  credentialNumber?: string;

  @IsOptional()
  @IsIn(RECORD_STATUSES)
  status?: string;
}

export class RosterRecordPageDto {
  items!: RosterRecordDto[];
  nextCursor!: string | null;
}

export class RosterRecordDto {
  id!: string;
  credentialNumber!: string;
  firstName!: string;
  middleName!: string | null;
  lastName!: string;
  credentialType!: string;
  status!: string;
  issuedOn!: string;
  expiresOn!: string | null;
  city!: string | null;
  region!: string | null;
  updatedAt!: Date;
}
