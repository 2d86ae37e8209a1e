import { OmitType } from '@nestjs/swagger';
import { RosterRecordDto } from '../../associations/dto/roster.dto';
import { CertificationDto } from '../certification-view';

export class AuditEntryDto {
  at: Date;
  /** A user id, or `system:import`, `system:expiry`, `system:check`. */
  actor: string;
  /** submitted, rechecked, verified, rejected, expired, withdrawn */
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string;
}

export class ClaimantDto {
  therapistId: string;
  displayName: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
}

/** The roster record a certification was checked against. */
export class CheckedRecordDto extends OmitType(RosterRecordDto, ['id', 'updatedAt'] as const) {}

export class ReviewItemDto extends CertificationDto {
  claimant: ClaimantDto;
  /** The roster record the claim was checked against; null when there is none. */
  record: CheckedRecordDto | null;
}

export class ReviewQueuePageDto {
  items: ReviewItemDto[];
  nextCursor: string | null;
}

export class VerifiedProfileDto {
  id: string;
  displayName: string;
}

export class VerifyResultDto {
  association: string;
  credentialNumber: string;
  credentialType: string;
  holderName: string;
  recordStatus: string;
  expiresOn: string | null;
  verifiedProfile: VerifiedProfileDto | null;
}
