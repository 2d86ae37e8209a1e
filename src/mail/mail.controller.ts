import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { Role } from '../users/user.entity';
import { FailedMailPageDto } from './dto/failed-mail.dto';
import { MailService } from './mail.service';

@ApiTags('mail')
@Controller('mail')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Roles(Role.PlatformAdmin)
  @Get('failed')
  @ApiOperation({
    summary: 'Mail that could not be delivered (platform admins)',
    description:
      'Newest failure first, cursor-paged. A mail fails when the SMTP server refuses it for good (5xx), when it kept ' +
      'failing temporarily for MAIL_MAX_ATTEMPTS attempts (retried with exponential back-off), or when the worker ' +
      'stopped while sending it (not resent, since it may have arrived).',
  })
  @ApiOkResponse({ type: FailedMailPageDto })
  failed(@Query() query: CursorQueryDto): Promise<FailedMailPageDto> {
    return this.mail.failed(query);
  }
}
