import { Idempotent, IssuesSecrets } from '../common/idempotency.interceptor';
import { NoBody } from '../common/deferred-body';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { idOf } from '../reviews/review-id.pipe';
import { Role } from '../users/user.entity';
import { CreatePartnerDto, PartnerKeyDto, PartnerUsageDto, UsageQueryDto } from './dto/partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@Roles(Role.PlatformAdmin)
@Idempotent()
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @IssuesSecrets()
  @Post()
  @ApiOperation({
    summary: 'Register a partner site and issue its API key',
    description:
      'The key is shown once and stored as a SHA-256 hash (its first 12 characters are kept to identify it). Partners send it ' +
      'as X-Api-Key on GET /search/therapists, /therapists/:id, /therapists/:id/reviews, /verify, /conditions and /specialties ' +
      'only (any other route: 403; an invalid or revoked key: 401), at most PARTNER_RATE_LIMIT requests per minute (429). ' +
      'Browsers get CORS on those routes only from the allowedOrigins.',
  })
  @ApiCreatedResponse({ type: PartnerKeyDto })
  create(@Body() dto: CreatePartnerDto): Promise<PartnerKeyDto> {
    return this.partners.create(dto);
  }

  @IssuesSecrets()
  @Post(':id/key')
  @ApiOperation({
    summary: 'Issue a new key',
    description: 'Replaces the current key, revoked or not; the old key stops working at once.',
  })
  @ApiCreatedResponse({ type: PartnerKeyDto })
  @ApiNotFoundResponse({ description: 'Unknown partner' })
  issueKey(@Param('id', idOf('Partner')) id: string, @NoBody() _body: undefined): Promise<PartnerKeyDto> {
    return this.partners.issueKey(id);
  }

  @Delete(':id/key')
  @HttpCode(204)
  @ApiOperation({
    summary: "Revoke the partner's key",
    description: 'Requests with it are 401 from then on. Idempotent.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'Unknown partner' })
  revokeKey(@Param('id', idOf('Partner')) id: string): Promise<void> {
    return this.partners.revokeKey(id);
  }

  @Get(':id/usage')
  @ApiOperation({ summary: 'Requests per day (UTC) made with the partner key, newest day first' })
  @ApiOkResponse({ type: PartnerUsageDto })
  @ApiNotFoundResponse({ description: 'Unknown partner' })
  usage(@Param('id', idOf('Partner')) id: string, @Query() query: UsageQueryDto): Promise<PartnerUsageDto> {
    return this.partners.usageOf(id, query);
  }
}
