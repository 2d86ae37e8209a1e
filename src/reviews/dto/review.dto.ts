import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ReviewStatus } from '../review.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateReviewDto {
  /** Whole stars, 1–5 (a JSON integer; "5" and 3.5 are refused). */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  /** 20–5,000 characters after trimming; stored as given and never rendered as HTML. */
  @Transform(trim)
  @IsString()
  @Length(20, 5000)
  body!: string;

  /** A condition slug from GET /conditions that the review is about. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  conditionSlug?: string;

  /** A code the therapist handed out (POST /therapists/me/review-invitations); dashes, spaces and case are ignored. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  invitationCode?: string;
}

export class CreateReplyDto {
  /** 1–5,000 characters after trimming; screened for personal health information about the client. */
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  body!: string;
}

export class FlagReviewDto {
  /** Why the review should be looked at, 1–1,000 characters. */
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ModerateReviewDto {
  @IsIn(['publish', 'remove'])
  decision!: 'publish' | 'remove';

  /** Recorded in the moderation audit trail, 1–1,000 characters. */
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ReviewReplyDto {
  body!: string;
  createdAt!: string;
}

export class ReviewDto {
  id!: string;
  therapistId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  rating!: number;
  body!: string;
  conditionSlug!: string | null;
  /** First name and last initial of the client, e.g. "Casey C." */
  authorName!: string;
  /** Posted with a valid invitation code of this therapist. */
  verifiedClient!: boolean;
  /** `pending` is held for moderation and visible only to its author and platform admins. */
  status!: ReviewStatus;
  createdAt!: string;
  response!: ReviewReplyDto | null;
}

export class ReviewPageDto {
  items!: ReviewDto[];
  nextCursor!: string | null;
}

export class QueueFlagDto {
  reason!: string;
  createdAt!: string;
}

export class QueuedReviewDto extends ReviewDto {
  authorId!: string;
  /** Why the review was held (`new_account`, `duplicate_text`) or the last moderation reason. */
  statusReason!: string | null;
  /** Flags not yet settled by a moderation decision. */
  openFlags!: QueueFlagDto[];
}

export class ModerationQueueDto {
  items!: QueuedReviewDto[];
  nextCursor!: string | null;
}

export class FlagDto {
  reviewId!: string;
  reason!: string;
  createdAt!: string;
}

export class InvitationDto {
  /** Hand this to the client; it is shown once and stored only as a hash. */
  code!: string;
  expiresAt!: string;
}
