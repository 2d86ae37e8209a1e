import { ReviewDto } from '../../reviews/dto/review.dto';
import { Role } from '../../users/user.entity';
import { TherapistOwnDto } from '../../therapists/dto/therapist-view.dto';

export class ExportAccountDto {
  id!: string;
  email!: string;
  name!: string;
  role!: Role;
  associationSlug!: string | null;
  emailVerified!: boolean;
  emailVerifiedAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class ExportAuditEntryDto {
  at!: string;
  actor!: string;
  action!: string;
  fromStatus!: string | null;
  toStatus!: string | null;
  reason!: string;
}

export class ExportCertificationDto {
  id!: string;
  associationSlug!: string;
  credentialType!: string;
  credentialNumber!: string;
  issuedOn!: string | null;
  expiresOn!: string | null;
  claimedExpiresOn!: string | null;
  status!: string;
  statusReason!: string;
  verifiedAt!: string | null;
  withdrawnAt!: string | null;
  createdAt!: string;
  /** Every audit entry of this certification, oldest first. */
  audit!: ExportAuditEntryDto[];
}

export class ExportInvitationDto {
  createdAt!: string;
  expiresAt!: string;
  usedAt!: string | null;
}

export class ExportFlagDto {
  reviewId!: string;
  reason!: string;
  createdAt!: string;
  resolvedAt!: string | null;
}

/** A sign-in (refresh token), without the token. */
export class ExportSessionDto {
  sessionId!: string;
  createdAt!: string;
  expiresAt!: string;
  usedAt!: string | null;
  revokedAt!: string | null;
}

/** A mail the service queued for the user (its content is derived from the data above). */
export class ExportMailDto {
  kind!: string;
  status!: string;
  createdAt!: string;
  deliveredAt!: string | null;
}

/** A confirmation or reset link that was mailed, without the token. */
export class ExportAccountTokenDto {
  purpose!: string;
  createdAt!: string;
  expiresAt!: string;
  usedAt!: string | null;
}

export class ExportEventDto {
  at!: string;
}

export class AccountExportDto {
  exportedAt!: string;
  account!: ExportAccountDto;
  /** The therapist profile, as its owner sees it; null for other roles or before one is created. */
  therapistProfile!: TherapistOwnDto | null;
  certifications!: ExportCertificationDto[];
  reviewsWritten!: ReviewDto[];
  reviewInvitations!: ExportInvitationDto[];
  flagsRaised!: ExportFlagDto[];
  sessions!: ExportSessionDto[];
  mail!: ExportMailDto[];
  mailedLinks!: ExportAccountTokenDto[];
  passwordResetRequests!: ExportEventDto[];
  failedSignIns!: ExportEventDto[];
}
