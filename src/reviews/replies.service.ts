import { conflictWhen } from '../common/database-errors';
import { DeferredBody } from '../common/deferred-body';
import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { ProblemException } from '../common/problem';
import { CreateReplyDto, ReviewDto } from './dto/review.dto';
import { screenReply } from './phi-screen';
import { ReviewResponse } from './review-response.entity';
import { ReviewStatus } from './review.entity';
import { toReviewDto } from './review.view';
import { ReviewsRepository } from './reviews.repository';

@Injectable()
export class RepliesService {
  private readonly logger = new Logger(RepliesService.name);

  constructor(
    @InjectRepository(ReviewResponse) private readonly responses: Repository<ReviewResponse>,
    private readonly reviews: ReviewsRepository,
  ) {}

  async reply(user: AuthUser, reviewId: string, body: DeferredBody<CreateReplyDto>): Promise<ReviewDto> {
    const review = await this.reviews.view(reviewId);
    if (!review || review.status !== ReviewStatus.Published) {
      throw new NotFoundException(`Review ${reviewId} not found.`);
    }
    const therapist = await this.reviews.therapist(review.therapist_id);
    if (therapist?.userId !== user.id) {
      throw new ForbiddenException('Only the reviewed therapist can reply to this review.');
    }
    if (review.response_body !== null) {
      throw new ConflictException('This review already has a reply.');
    }
    const dto = await body.read();
    await this.screen(reviewId, dto.body, review.author_full_name);
    await conflictWhen(() => this.responses.insert({ reviewId, body: dto.body }), {
      unique: 'This review already has a reply.',
    });
    return toReviewDto((await this.reviews.view(reviewId))!);
  }

  /** Replies are public: anything that may disclose the client's health information is sent back, not published. */
  private async screen(reviewId: string, body: string, clientName: string): Promise<void> {
    const findings = screenReply(body, { clientName, conditionTerms: await this.reviews.conditionTerms() });
    if (findings.length) {
      this.logger.log(`Reply to review ${reviewId} withheld by the health-information screen`);
      throw new ProblemException(
        422,
        'The reply was not published: it may disclose personal health information about the client. ' +
          'Replies are public; remove the parts listed in errors and send it again.',
        findings,
      );
    }
  }
}
