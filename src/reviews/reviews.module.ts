import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvitationsService } from './invitations.service';
import { ModerationService } from './moderation.service';
import { RepliesService } from './replies.service';
import { ReviewFlag } from './review-flag.entity';
import { ReviewInvitation } from './review-invitation.entity';
import { ReviewModeration } from './review-moderation.entity';
import { ReviewResponse } from './review-response.entity';
import { Review } from './review.entity';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { TherapistReviewsController } from './therapist-reviews.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Review, ReviewInvitation, ReviewResponse, ReviewFlag, ReviewModeration])],
  controllers: [TherapistReviewsController, ReviewsController],
  providers: [ReviewsRepository, ReviewsService, InvitationsService, RepliesService, ModerationService],
  exports: [ReviewsService],
})
export class ReviewsModule {}
