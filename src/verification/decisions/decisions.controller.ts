import { Idempotent } from '../../common/idempotency.interceptor';
import { BodyAfterAccess, DeferredBody } from '../../common/deferred-body';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, SignedIn } from '../../auth/decorators';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { Page } from '../../common/pagination';
import { Role } from '../../users/user.entity';
import { CertificationDto } from '../dto/certification-views.dto';
import { DecisionsService } from './decisions.service';
import { DecisionDto } from '../dto/certification.dto';
import { AuditEntryDto, AuditPageDto } from '../dto/certification-views.dto';

@ApiTags('certifications')
@Idempotent()
@Controller('certifications')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(Role.AssociationAdmin)
  @ApiOperation({
    summary: 'Verify or reject a certification (admins of its association only); the reason is mandatory',
    description:
      'Admins of another association get 403. A withdrawn certification, or verifying one whose record is ' +
      'expired, revoked or suspended, is 422. Decisions on the same certification take turns (row lock).',
  })
  @ApiOkResponse({ type: CertificationDto })
  @ApiNotFoundResponse({ description: 'No such certification' })
  @ApiUnprocessableEntityResponse({ description: 'Withdrawn, or a verify the roster contradicts' })
  @ApiBody({ type: DecisionDto })
  decide(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @BodyAfterAccess(DecisionDto) body: DeferredBody<DecisionDto>,
  ): Promise<CertificationDto> {
    return this.decisions.decide(caller, id, body);
  }

  @Get(':id/audit')
  @SignedIn()
  @ApiOperation({
    summary: 'The append-only audit trail of a certification, oldest first',
    description:
      'Readable by the owning therapist, admins of the issuing association and platform admins; others get 403.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiNotFoundResponse({ description: 'No such certification' })
  audit(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CursorQueryDto,
  ): Promise<Page<AuditEntryDto>> {
    return this.decisions.audit(caller, id, query);
  }
}
