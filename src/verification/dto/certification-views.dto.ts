import { ApiProperty, OmitType } from '@nestjs/swagger';
import { RosterRecordDto } from './roster.dto';
import { CERTIFICATION_STATUSES, CertificationStatus } from '../check/check';

/** A certification as its owner and the association's admins see it. */
export class CertificationDto {
  id!: string;
  associationSlug!: string;
  credentialType!: string;
  credentialNumber!: string;
  /** YYYY-MM-DD, as the therapist gave it. */
  issuedOn!: string | null;
  /** The effective expiry (YYYY-MM-DD): the roster record's when it has one, else the one the therapist gave. */
  expiresOn!: string | null;
  /** YYYY-MM-DD, as the therapist gave it. */
  claimedExpiresOn!: string | null;
  /** The status as read now: a passed expiry reads as `expired` at once. */
  @ApiProperty({ enum: CERTIFICATION_STATUSES })
  status!: CertificationStatus;
  /** Why the certification has this status, in words. */
  statusReason!: string;
  verifiedAt!: Date | null;
  lastCheckedAt!: Date | null;
  createdAt!: Date;
}

export class CertificationPageDto {
  items!: CertificationDto[];
  nextCursor!: string | null;
}

export class AuditEntryDto {
  at!: Date;
  /** A user id, or `system:import`, `system:expiry`, `system:check`. */
  actor!: string;
  /** submitted, rechecked, verified, rejected, expired, withdrawn */
  action!: string;
  fromStatus!: string | null;
  toStatus!: string | null;
  reason!: string;
}

export class AuditPageDto {
  items!: AuditEntryDto[];
  nextCursor!: string | null;
}

export class ClaimantDto {
  therapistId!: string;
  displayName!: string;
  firstName!: string;
  middleName!: string | null;
  lastName!: string;
}

/** The roster record a certification was checked against. */
export class CheckedRecordDto extends OmitType(RosterRecordDto, ['id', 'updatedAt'] as const) {}

export class ReviewItemDto extends CertificationDto {
  claimant!: ClaimantDto;
  /** The roster record the claim was checked against; null when there is none. */
  record!: CheckedRecordDto | null;
}

export class ReviewQueuePageDto {
  items!: ReviewItemDto[];
  nextCursor!: string | null;
}

export class VerifiedProfileDto {
  id!: string;
  displayName!: string;
}

export class VerifyResultDto {
  association!: string;
  credentialNumber!: string;
  credentialType!: string;
  holderName!: string;
  recordStatus!: string;
  expiresOn!: string | null;
  verifiedProfile!: VerifiedProfileDto | null;
}
