import { Idempotent } from '../common/idempotency.interceptor';
import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { CreateSpecialtyDto, SpecialtyDto, SpecialtyListDto, UpdateSpecialtyDto } from './dto/specialty.dto';
import { SpecialtiesService } from './specialties.service';
import { Curator, RemoveDocs } from './taxonomy-docs';
import { PartnerAccess } from '../common/route-policy';

@ApiTags('taxonomy')
@Idempotent()
@Controller('specialties')
export class SpecialtiesController {
  constructor(private readonly specialties: SpecialtiesService) {}

  @Public()
  @PartnerAccess()
  @Get()
  @ApiOperation({ summary: 'Techniques and focuses', description: 'Every specialty at once, ordered by name.' })
  @ApiOkResponse({ type: SpecialtyListDto })
  list(): Promise<SpecialtyListDto> {
    return this.specialties.list();
  }

  @Curator()
  @Post()
  @ApiOperation({ summary: 'Add a specialty' })
  @ApiCreatedResponse({ type: SpecialtyDto })
  @ApiConflictResponse({ description: 'The slug is taken' })
  create(@Body() dto: CreateSpecialtyDto): Promise<SpecialtyDto> {
    return this.specialties.create(dto);
  }

  @Curator()
  @Patch(':slug')
  @ApiOperation({ summary: 'Edit a specialty', description: 'Changes the fields sent. The slug cannot change.' })
  @ApiOkResponse({ type: SpecialtyDto })
  @ApiNotFoundResponse({ description: 'No specialty with this slug' })
  update(@Param('slug') slug: string, @Body() dto: UpdateSpecialtyDto): Promise<SpecialtyDto> {
    return this.specialties.update(slug, dto);
  }

  @Curator()
  @Delete(':slug')
  @RemoveDocs('specialty')
  remove(@Param('slug') slug: string): Promise<void> {
    return this.specialties.remove(slug);
  }
}
