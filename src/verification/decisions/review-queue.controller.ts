import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../auth/decorators';
import { Page } from '../../common/pagination';
import { Role } from '../../users/user.entity';
import { ReviewQueueQueryDto } from '../dto/certification.dto';
import { ReviewItemDto, ReviewQueuePageDto } from '../dto/certification-views.dto';
import { ReviewQueueService } from './review-queue.service';

@ApiTags('associations')
@Controller('associations/:slug/verifications')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Roles(Role.AssociationAdmin)
  @ApiOperation({
    summary: "The review queue: certifications with the claimant's legal name and the roster record checked against",
    description:
      'Only for admins of this association (others 403). `status` defaults to needs_review; oldest claims first.',
  })
  @ApiOkResponse({ type: ReviewQueuePageDto })
  @ApiNotFoundResponse({ description: 'Unknown association' })
  list(
    @CurrentUser() caller: AuthUser,
    @Param('slug') slug: string,
    @Query() query: ReviewQueueQueryDto,
  ): Promise<Page<ReviewItemDto>> {
    return this.queue.list(caller, slug, query);
  }
}
