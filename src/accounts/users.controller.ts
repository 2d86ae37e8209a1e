import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/decorators';
import { Role } from '../users/user.entity';
import { AdminUserDto, AdminUserPageDto, FindUsersQueryDto, UpdateUserDto } from './dto/users.dto';
import { UsersAdminService } from './users-admin.service';

const userId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No such account.') });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersAdminService) {}

  @Roles(Role.PlatformAdmin)
  @Get()
  @ApiOperation({
    summary: 'Find accounts (platform admins)',
    description:
      '`email` matches any part of the address, ignoring case. Ordered by e-mail; deleted accounts are not listed.',
  })
  @ApiOkResponse({ type: AdminUserPageDto })
  find(@Query() query: FindUsersQueryDto): Promise<AdminUserPageDto> {
    return this.users.find(query);
  }

  @Roles(Role.PlatformAdmin)
  @Patch(':id')
  @ApiOperation({
    summary: "Change an account's role, or disable it (platform admins)",
    description:
      'A role change or disabling ends every session of the account at once; a disabled account cannot sign in ' +
      '(403) until enabled again. association_admin is given with POST /associations/{slug}/admins. The last active ' +
      'platform admin cannot be demoted or disabled (422).',
  })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'No such account (or a deleted one)' })
  @ApiUnprocessableEntityResponse({
    description: 'The change would leave no active platform admin, or asks for association_admin',
  })
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id', userId) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<AdminUserDto> {
    return this.users.update(admin, id, dto);
  }
}
