import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DeferredBody } from '../common/deferred-body';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { Page, toPage } from '../common/pagination';
import { ProblemException } from '../common/problem';
import { Env } from '../config/env';
import { bodyFingerprintSource } from './author-name';
import { CreateReviewDto, ReviewDto } from './dto/review.dto';
import { InvitationsService } from './invitations.service';
import { Review, ReviewStatus } from './review.entity';
import { cursorKey, toReviewDto } from './review.view';
import { reviewKeyset, ReviewsRepository, TherapistTarget } from './reviews.repository';

/** The same text on this many other profiles marks a copy-paste campaign. */
const DUPLICATE_PROFILES_HOLD = 2;

interface Draft {
  therapistId: string;
  authorCreatedAt: Date;
  authorEmailVerified: boolean;
  invitationId: string | null;
  fingerprint: string;
}

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reviews: ReviewsRepository,
    private readonly invitations: InvitationsService,
    private readonly env: Env,
  ) {}

  async post(user: AuthUser, therapistId: string, body: DeferredBody<CreateReviewDto>): Promise<ReviewDto> {
    const therapist = await this.visibleTherapist(therapistId);
    if (therapist.userId === user.id) {
      throw new ForbiddenException('You cannot review your own profile.');
    }
    const dto = await body.read();
    if (dto.conditionSlug !== undefined && !(await this.reviews.conditionExists(dto.conditionSlug))) {
      throw new ProblemException(422, `Unknown condition "${dto.conditionSlug}".`, [
        { field: 'conditionSlug', message: `unknown condition "${dto.conditionSlug}"` },
      ]);
    }
    const author = await this.reviews.author(user.id);
    try {
      return await this.db.transaction((manager) => this.insert(manager, user.id, author, therapistId, dto));
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'uq_review_author_therapist') {
        throw new ConflictException('You have already reviewed this therapist.');
      }
      throw error;
    }
  }

  /** The invitation is spent in the same transaction: a refused insert (409) leaves it unused. */
  private async insert(
    manager: EntityManager,
    authorId: string,
    author: { createdAt: Date; emailVerified: boolean },
    therapistId: string,
    dto: CreateReviewDto,
  ): Promise<ReviewDto> {
    const invitationId = dto.invitationCode
      ? await this.invitations.consume(manager, therapistId, dto.invitationCode)
      : null;
    const fingerprint = createHash('sha256').update(bodyFingerprintSource(dto.body)).digest('hex');
    const hold = await this.holdReason(manager, {
      therapistId,
      authorCreatedAt: author.createdAt,
      authorEmailVerified: author.emailVerified,
      invitationId,
      fingerprint,
    });
    const { identifiers } = await manager.insert(Review, {
      therapistId,
      authorId,
      rating: dto.rating,
      body: dto.body,
      conditionSlug: dto.conditionSlug ?? null,
      verifiedClient: invitationId !== null,
      invitationId,
      status: hold ? ReviewStatus.Pending : ReviewStatus.Published,
      statusReason: hold,
      bodyFingerprint: fingerprint,
    });
    return toReviewDto((await this.reviews.view(identifiers[0].id as string, manager))!);
  }

  async list(therapistId: string, viewer: AuthUser | undefined, query: CursorQueryDto): Promise<Page<ReviewDto>> {
    await this.visibleTherapist(therapistId);
    const rows = await this.reviews.page(therapistId, viewer?.id ?? null, query.limit, reviewKeyset(query.cursor));
    return toPage(rows, query.limit, cursorKey, toReviewDto);
  }

  /**
   * Accounts with an unconfirmed e-mail or new accounts without an invitation, and text already pasted on other
   * profiles, wait for a moderator.
   */
  private async holdReason(manager: EntityManager, draft: Draft): Promise<string | null> {
    if (!draft.invitationId && !draft.authorEmailVerified) {
      return 'email_unconfirmed';
    }
    const ageHours = (Date.now() - draft.authorCreatedAt.getTime()) / 3_600_000;
    if (!draft.invitationId && ageHours < this.env.NEW_ACCOUNT_REVIEW_HOLD_HOURS) {
      return 'new_account';
    }
    const others = await this.reviews.otherProfilesWithText(manager, draft.fingerprint, draft.therapistId);
    return others >= DUPLICATE_PROFILES_HOLD ? 'duplicate_text' : null;
  }

  private async visibleTherapist(id: string): Promise<TherapistTarget> {
    const therapist = await this.reviews.therapist(id);
    if (!therapist?.published) {
      throw new NotFoundException(`Therapist ${id} not found.`);
    }
    return therapist;
  }
}
