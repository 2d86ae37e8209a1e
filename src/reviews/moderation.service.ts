import { conflictWhen } from '../common/database-errors';
import { DeferredBody } from '../common/deferred-body';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { toPage } from '../common/pagination';
import { Role } from '../users/user.entity';
import { FlagDto, FlagReviewDto, ModerateReviewDto, ModerationQueueDto, ReviewDto } from './dto/review.dto';
import { ReviewFlag } from './review-flag.entity';
import { ReviewModeration } from './review-moderation.entity';
import { Review, ReviewStatus } from './review.entity';
import { cursorKey, toQueuedReviewDto, toReviewDto } from './review.view';
import { reviewKeyset, ReviewsRepository } from './reviews.repository';

@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ReviewFlag) private readonly flags: Repository<ReviewFlag>,
    private readonly reviews: ReviewsRepository,
  ) {}

  async flag(user: AuthUser, reviewId: string, body: DeferredBody<FlagReviewDto>): Promise<FlagDto> {
    const review = await this.reviews.view(reviewId);
    const visible =
      review &&
      (review.status === ReviewStatus.Published || review.author_id === user.id || user.role === Role.PlatformAdmin);
    if (!visible) {
      throw new NotFoundException(`Review ${reviewId} not found.`);
    }
    const dto = await body.read();
    const { generatedMaps } = await conflictWhen(
      () => this.flags.insert({ reviewId, userId: user.id, reason: dto.reason }),
      { unique: 'You have already flagged this review.' },
    );
    return { reviewId, reason: dto.reason, createdAt: (generatedMaps[0].createdAt as Date).toISOString() };
  }

  async queue(query: CursorQueryDto): Promise<ModerationQueueDto> {
    const rows = await this.reviews.queue(query.limit, reviewKeyset(query.cursor));
    return toPage(rows, query.limit, cursorKey, toQueuedReviewDto);
  }

  /** Status change, audit row and settling of open flags commit together. */
  async moderate(admin: AuthUser, reviewId: string, dto: ModerateReviewDto): Promise<ReviewDto> {
    const toStatus = dto.decision === 'publish' ? ReviewStatus.Published : ReviewStatus.Removed;
    return this.db.transaction(async (manager) => {
      const review = await manager.findOne(Review, { where: { id: reviewId }, lock: { mode: 'pessimistic_write' } });
      if (!review) {
        throw new NotFoundException(`Review ${reviewId} not found.`);
      }
      await manager.update(Review, { id: reviewId }, { status: toStatus, statusReason: dto.reason });
      await manager.insert(ReviewModeration, {
        reviewId,
        actor: admin.id,
        decision: dto.decision,
        fromStatus: review.status,
        toStatus,
        reason: dto.reason,
      });
      await this.reviews.resolveFlags(manager, reviewId);
      this.logger.log(`Review ${reviewId} ${review.status} -> ${toStatus} by ${admin.id}`);
      return toReviewDto((await this.reviews.view(reviewId, manager))!);
    });
  }
}
