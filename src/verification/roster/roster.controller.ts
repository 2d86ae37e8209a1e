import { Idempotent } from '../../common/idempotency.interceptor';
import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '../../auth/decorators';
import { Page } from '../../common/pagination';
import { Role } from '../../users/user.entity';
import { ApiRequestContent } from '../../common/openapi';
import {
  ImportResultDto,
  RecordsQueryDto,
  RosterRecordDto,
  RosterRecordPageDto,
  RosterRowDto,
} from '../dto/roster.dto';
import { RosterRecordsService } from './roster-records.service';
import { AcceptsBody } from '../../common/route-policy';
import { ROSTER_BYTE_LIMIT } from './roster-source';

@ApiTags('associations')
@Roles(Role.AssociationAdmin)
@Idempotent()
@Controller('associations/:slug/records')
export class RosterController {
  constructor(private readonly records: RosterRecordsService) {}

  @Post('import')
  @AcceptsBody(['text/csv'], ROSTER_BYTE_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    summary: "Import the association's roster (text/csv, streamed, or a JSON array); upserts by credential number",
    description:
      'Columns: credentialNumber, firstName, lastName, credentialType, status (active|expired|suspended|revoked), ' +
      'issuedOn, and optional middleName, expiresOn, city, region. Never deletes. Bad rows are reported with their line ' +
      '(CSV: the line the record starts on, header = 1; JSON: 1-based position) and the good rows land. When a number ' +
      'appears on several rows, none of them is imported (the record on file stays as it was) and every one of those lines is reported. A file that cannot be read ' +
      '(wrong header, unbalanced quotes, binary data) is a 400 and changes nothing; over 50 MB is 413. Every certification ' +
      'whose roster row changed is checked again before the response. Only admins of this association (others 403). ' +
      'With an Idempotency-Key, a repeat replays the first response; a streamed CSV body is not compared with the first.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ schema: { type: 'string' } })
  @ApiRequestContent({
    'text/csv': {
      type: 'string',
      example:
        'credentialNumber,firstName,lastName,credentialType,status,issuedOn\nNMT-1,Ana,Lee,CNMT,active,2024-01-01',
    },
    'application/json': { type: 'array', items: { $ref: '#/components/schemas/RosterRowDto' } },
  })
  @ApiExtraModels(RosterRowDto)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiBadRequestResponse({ description: 'Unreadable file: wrong header, unbalanced quotes, binary data, not an array' })
  @ApiNotFoundResponse({ description: 'Unknown association' })
  @ApiPayloadTooLargeResponse({ description: 'Over 50 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Neither text/csv nor application/json' })
  import(
    @CurrentUser() caller: AuthUser,
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    return this.records.importFromRequest(caller, slug, request);
  }

  @Get()
  @ApiOperation({ summary: "The association's roster records, by credential number; filters credentialNumber, status" })
  @ApiOkResponse({ type: RosterRecordPageDto })
  @ApiNotFoundResponse({ description: 'Unknown association' })
  list(
    @CurrentUser() caller: AuthUser,
    @Param('slug') slug: string,
    @Query() query: RecordsQueryDto,
  ): Promise<Page<RosterRecordDto>> {
    return this.records.list(caller, slug, query);
  }
}
