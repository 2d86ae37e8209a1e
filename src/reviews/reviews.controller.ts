import { Idempotent } from '../common/idempotency.interceptor';
import { BodyAfterAccess, DeferredBody } from '../common/deferred-body';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, SignedIn } from '../auth/decorators';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { RateLimit } from '../common/rate-limit';
import { Role } from '../users/user.entity';
import {
  CreateReplyDto,
  FlagDto,
  FlagReviewDto,
  ModerateReviewDto,
  ModerationQueueDto,
  ReviewDto,
} from './dto/review.dto';
import { ModerationService } from './moderation.service';
import { RepliesService } from './replies.service';
import { idOf } from './review-id.pipe';

@ApiTags('reviews')
@Idempotent()
@Controller('reviews')
export class ReviewsController {
  constructor(
    private readonly replies: RepliesService,
    private readonly moderation: ModerationService,
  ) {}

  @Roles(Role.Therapist)
  @Post(':id/response')
  @ApiOperation({
    summary: 'Reply publicly to a review of your profile',
    description:
      'One reply per review, by the reviewed therapist only. Replies are screened for personal health information ' +
      "about the client before publication: the client's first or last name (whole words, ignoring case and accents), " +
      'phrases such as "your diagnosis", "your visit on", "your appointment on", "your treatment plan", "your condition", ' +
      '"your <condition name>", and dates. A reply that trips the screen is NOT published: the answer is 422 and its ' +
      '`errors` list what to remove. Answers 201 with the review, its reply included.',
  })
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiNotFoundResponse({ description: 'Unknown review, or one that is not published' })
  @ApiConflictResponse({ description: 'The review already has a reply' })
  @ApiUnprocessableEntityResponse({ description: 'Withheld by the health-information screen; errors explain why' })
  @ApiBody({ type: CreateReplyDto })
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id', idOf('Review')) id: string,
    @BodyAfterAccess(CreateReplyDto) body: DeferredBody<CreateReplyDto>,
  ): Promise<ReviewDto> {
    return this.replies.reply(user, id, body);
  }

  @SignedIn()
  @RateLimit('posting-user', 'posting-ip')
  @Post(':id/flag')
  @ApiOperation({
    summary: 'Flag a review for moderation',
    description:
      'One flag per user per review (409 on a repeat). The review stays as it is until a platform admin decides.',
  })
  @ApiCreatedResponse({ type: FlagDto })
  @ApiNotFoundResponse({ description: 'Unknown review, or one the caller cannot see' })
  @ApiConflictResponse({ description: 'The caller already flagged this review' })
  @ApiBody({ type: FlagReviewDto })
  flag(
    @CurrentUser() user: AuthUser,
    @Param('id', idOf('Review')) id: string,
    @BodyAfterAccess(FlagReviewDto) body: DeferredBody<FlagReviewDto>,
  ): Promise<FlagDto> {
    return this.moderation.flag(user, id, body);
  }

  @Roles(Role.PlatformAdmin)
  @Get('moderation-queue')
  @ApiOperation({
    summary: 'Moderation queue (addition to the API contract)',
    description:
      'Pending reviews and published reviews with open flags, oldest first, cursor-paged. A decision settles the open flags.',
  })
  @ApiOkResponse({ type: ModerationQueueDto })
  queue(@Query() query: CursorQueryDto): Promise<ModerationQueueDto> {
    return this.moderation.queue(query);
  }

  @Roles(Role.PlatformAdmin)
  @Post(':id/moderation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish or remove a review',
    description:
      'Every decision is recorded in an append-only audit trail. A removed review leaves lists and rating aggregates at once.',
  })
  @ApiOkResponse({ type: ReviewDto })
  @ApiNotFoundResponse({ description: 'Unknown review' })
  moderate(
    @CurrentUser() user: AuthUser,
    @Param('id', idOf('Review')) id: string,
    @Body() dto: ModerateReviewDto,
  ): Promise<ReviewDto> {
    return this.moderation.moderate(user, id, dto);
  }
}
