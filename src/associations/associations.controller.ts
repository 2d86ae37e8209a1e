import { Idempotent } from '../common/idempotency.interceptor';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public, Roles } from '../auth/decorators';
import { Role } from '../users/user.entity';
import { AssociationsService } from './associations.service';
import {
  AssociationAdminDto,
  AssociationDto,
  AssociationListDto,
  CreateAssociationAdminDto,
  CreateAssociationDto,
} from './dto/association.dto';

@ApiTags('associations')
@Idempotent()
@Controller('associations')
export class AssociationsController {
  constructor(private readonly associations: AssociationsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Every association (a short list, returned at once with nextCursor null)' })
  @ApiOkResponse({ type: AssociationListDto })
  list(): Promise<AssociationListDto> {
    return this.associations.list();
  }

  @Post()
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Create an association' })
  @ApiCreatedResponse({ type: AssociationDto })
  @ApiConflictResponse({ description: 'The slug is taken' })
  create(@Body() dto: CreateAssociationDto): Promise<AssociationDto> {
    return this.associations.create(dto);
  }

  @Post(':slug/admins')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Create an association_admin bound to this association (password rules as for sign-up)' })
  @ApiCreatedResponse({ type: AssociationAdminDto })
  @ApiNotFoundResponse({ description: 'Unknown association' })
  @ApiConflictResponse({ description: 'The email is taken' })
  createAdmin(@Param('slug') slug: string, @Body() dto: CreateAssociationAdminDto): Promise<AssociationAdminDto> {
    return this.associations.createAdmin(slug, dto);
  }
}
