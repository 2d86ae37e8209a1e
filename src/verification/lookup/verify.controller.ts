import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/decorators';
import { RateLimit } from '../../common/rate-limit';
import { VerifyQueryDto } from '../dto/certification.dto';
import { VerifyResultDto } from '../dto/certification-views.dto';
import { VerifyService } from './verify.service';
import { PartnerAccess } from '../../common/route-policy';

@ApiTags('verification')
@Controller('verify')
export class VerifyController {
  constructor(private readonly verify: VerifyService) {}

  @Get()
  @Public()
  @PartnerAccess()
  @RateLimit('lookup')
  @ApiOperation({
    summary: "Public credential lookup against an association's roster",
    description:
      'The number compares without case, spaces or dashes. `verifiedProfile` is the published profile whose ' +
      'certification for this record is verified today, else null. 404 when the association has no such record.',
  })
  @ApiNotFoundResponse({ description: 'No such association or record' })
  lookup(@Query() query: VerifyQueryDto): Promise<VerifyResultDto> {
    return this.verify.lookup(query);
  }
}
