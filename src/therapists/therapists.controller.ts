import { Idempotent } from '../common/idempotency.interceptor';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../auth/decorators';
import { ProblemException } from '../common/problem';
import { Role } from '../users/user.entity';
import { CreateTherapistDto } from './dto/create-therapist.dto';
import { TherapistOwnDto, TherapistPublicDto } from './dto/therapist-view.dto';
import { UpdateTherapistDto } from './dto/update-therapist.dto';
import { TherapistsService } from './therapists.service';
import { PartnerAccess } from '../common/route-policy';

const UUID = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ProblemException(400, 'The id is not a valid UUID.', [{ field: 'id', message: 'id must be a UUID' }]),
});
const REFUSED =
  'An unknown specialty or condition slug (named in the message), or no location: unknown postal code and no explicit `location`';

@ApiTags('therapists')
@Idempotent()
@Controller('therapists')
export class TherapistsController {
  constructor(private readonly therapists: TherapistsService) {}

  @Roles(Role.Therapist)
  @Post()
  @ApiOperation({
    summary: "Create the caller's profile",
    description:
      'One profile per therapist. `location` is derived from the practice postal code unless given. Text is stored as given (trimmed).',
  })
  @ApiCreatedResponse({ type: TherapistOwnDto })
  @ApiConflictResponse({ description: 'The caller already has a profile' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTherapistDto): Promise<TherapistOwnDto> {
    return this.therapists.create(user, dto);
  }

  @Roles(Role.Therapist)
  @Get('me')
  @ApiOperation({
    summary: "The caller's own profile",
    description: 'Includes the legal name, `published` and the `version` to send with PATCH.',
  })
  @ApiOkResponse({ type: TherapistOwnDto })
  @ApiNotFoundResponse({ description: 'The caller has no profile yet' })
  own(@CurrentUser() user: AuthUser): Promise<TherapistOwnDto> {
    return this.therapists.own(user);
  }

  @Roles(Role.Therapist)
  @Patch('me')
  @ApiOperation({
    summary: "Change the caller's profile",
    description:
      'Changes only the fields named; lists and the `priceRange`/`contact` blocks are replaced whole, `practice` fields one by one. ' +
      '`version` must be the current one (409 otherwise). A change bumps `version`; a request that changes nothing does not. ' +
      'Sending `acceptingNewClients`, even unchanged, re-confirms it. `location: null` returns to the postal-code point.',
  })
  @ApiOkResponse({ type: TherapistOwnDto })
  @ApiNotFoundResponse({ description: 'The caller has no profile yet' })
  @ApiConflictResponse({ description: 'Stale `version`' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateTherapistDto): Promise<TherapistOwnDto> {
    return this.therapists.update(user, dto);
  }

  @Public()
  @PartnerAccess()
  @Get(':id')
  @ApiOperation({
    summary: 'A published profile',
    description:
      'The public view: no legal name, account email or user id. Certifications show their status as of today.',
  })
  @ApiOkResponse({ type: TherapistPublicDto })
  @ApiNotFoundResponse({ description: 'Unknown or unpublished' })
  published(@Param('id', UUID) id: string): Promise<TherapistPublicDto> {
    return this.therapists.published(id);
  }
}
