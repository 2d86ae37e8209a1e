import { Idempotent, IssuesSecrets } from '../common/idempotency.interceptor';
import { BodyAfterAccess, DeferredBody, NoBody } from '../common/deferred-body';
import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, OptionalUser, Public, Roles } from '../auth/decorators';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { RateLimit } from '../common/rate-limit';
import { Role } from '../users/user.entity';
import { CreateReviewDto, InvitationDto, ReviewDto, ReviewPageDto } from './dto/review.dto';
import { InvitationsService } from './invitations.service';
import { idOf } from './review-id.pipe';
import { ReviewsService } from './reviews.service';
import { PartnerAccess } from '../common/route-policy';

@ApiTags('reviews')
@Idempotent()
@Controller('therapists')
export class TherapistReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Public()
  @PartnerAccess()
  @Get(':id/reviews')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Published reviews of a therapist, newest first',
    description:
      'Cursor-paged (newest first). Authors are shown as first name and last initial, never an email. ' +
      'A signed-in client also sees their own review while it is `pending` (held for moderation); nobody else does. ' +
      'Removed reviews are never listed. Partners may call this with X-Api-Key.',
  })
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiNotFoundResponse({ description: 'Unknown or unpublished therapist, or a malformed id' })
  list(
    @Param('id', idOf('Therapist')) id: string,
    @Query() query: CursorQueryDto,
    @OptionalUser() viewer?: AuthUser,
  ): Promise<ReviewPageDto> {
    return this.reviews.list(id, viewer, query);
  }

  @Roles(Role.Client)
  @RateLimit('posting-user', 'posting-ip')
  @Post(':id/reviews')
  @ApiOperation({
    summary: 'Review a therapist (clients only)',
    description:
      'One review per client per therapist (409 on a second, also under concurrency). With a valid, unused invitation code ' +
      'of this therapist the review is `verifiedClient: true` and the code is spent; a used, expired, unknown or other ' +
      "therapist's code is 422 and nothing is posted. The response's `status` says whether the review is `published` or " +
      '`pending`: reviews without a code from accounts whose e-mail is not confirmed or that are younger than ' +
      'NEW_ACCOUNT_REVIEW_HOLD_HOURS, and text already posted ' +
      'on two or more other profiles, are held for moderation.',
  })
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiNotFoundResponse({ description: 'Unknown or unpublished therapist, or a malformed id' })
  @ApiConflictResponse({ description: 'The caller already reviewed this therapist' })
  @ApiUnprocessableEntityResponse({
    description: 'Unknown conditionSlug, or an unusable invitation code (errors name the field)',
  })
  @ApiBody({ type: CreateReviewDto })
  post(
    @CurrentUser() user: AuthUser,
    @Param('id', idOf('Therapist')) id: string,
    @BodyAfterAccess(CreateReviewDto) body: DeferredBody<CreateReviewDto>,
  ): Promise<ReviewDto> {
    return this.reviews.post(user, id, body);
  }

  @Roles(Role.Therapist)
  @IssuesSecrets()
  @Post('me/review-invitations')
  @ApiOperation({
    summary: 'Create a single-use review invitation code',
    description:
      'Returns a random code (160 bits, Crockford base32 in dash-separated groups of four) valid for 30 days. ' +
      'It is shown only here: the platform stores a hash. A review posted with it is marked verifiedClient.',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ description: 'The caller has no therapist profile yet' })
  invite(@CurrentUser() user: AuthUser, @NoBody() _body: undefined): Promise<InvitationDto> {
    return this.invitations.create(user);
  }
}
