import { Idempotent } from '../../common/idempotency.interceptor';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../auth/decorators';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { Page } from '../../common/pagination';
import { Role } from '../../users/user.entity';
import { CertificationDto, CertificationPageDto } from '../dto/certification-views.dto';
import { ClaimsService } from './claims.service';
import { CreateCertificationDto } from '../dto/certification.dto';

@ApiTags('certifications')
@Roles(Role.Therapist)
@Idempotent()
@Controller('therapists/me/certifications')
export class ClaimsController {
  constructor(private readonly certifications: ClaimsService) {}

  @Post()
  @ApiOperation({
    summary: 'List a credential; the automatic check decides its status at once',
    description:
      'Checks the claim against the association roster: number (case, spaces and dashes ignored), legal name, ' +
      'credential type, record status and expiry. 422 when the caller has no profile yet or the association is unknown; ' +
      '409 when the caller already lists this number for this association.',
  })
  @ApiCreatedResponse({ type: CertificationDto })
  @ApiConflictResponse({ description: 'The caller already lists this number for this association' })
  @ApiUnprocessableEntityResponse({ description: 'No profile yet, unknown association, or expiresOn before issuedOn' })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateCertificationDto): Promise<CertificationDto> {
    return this.certifications.submit(caller, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's own certifications (withdrawn ones excluded), with status and statusReason" })
  @ApiOkResponse({ type: CertificationPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() query: CursorQueryDto): Promise<Page<CertificationDto>> {
    return this.certifications.listOwn(caller, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a certification: it leaves the profile, its audit trail stays' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiNotFoundResponse({ description: 'The caller lists no such certification' })
  withdraw(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.certifications.withdraw(caller, id);
  }
}
