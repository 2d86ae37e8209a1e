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
import { ConditionsService } from './conditions.service';
import { ConditionDto, ConditionListDto, CreateConditionDto, UpdateConditionDto } from './dto/condition.dto';
import { Curator, RemoveDocs } from './taxonomy-docs';
import { PartnerAccess } from '../common/route-policy';

@ApiTags('taxonomy')
@Idempotent()
@Controller('conditions')
export class ConditionsController {
  constructor(private readonly conditions: ConditionsService) {}

  @Public()
  @PartnerAccess()
  @Get()
  @ApiOperation({
    summary: 'Conditions treated',
    description: 'Every condition at once, ordered by name, with current ICD-10-CM codes and lay synonyms.',
  })
  @ApiOkResponse({ type: ConditionListDto })
  list(): Promise<ConditionListDto> {
    return this.conditions.list();
  }

  @Curator()
  @Post()
  @ApiOperation({ summary: 'Add a condition' })
  @ApiCreatedResponse({ type: ConditionDto })
  @ApiConflictResponse({ description: 'The slug is taken' })
  create(@Body() dto: CreateConditionDto): Promise<ConditionDto> {
    return this.conditions.create(dto);
  }

  @Curator()
  @Patch(':slug')
  @ApiOperation({
    summary: 'Edit a condition',
    description: 'Changes the fields sent; lists are replaced whole. The slug cannot change.',
  })
  @ApiOkResponse({ type: ConditionDto })
  @ApiNotFoundResponse({ description: 'No condition with this slug' })
  update(@Param('slug') slug: string, @Body() dto: UpdateConditionDto): Promise<ConditionDto> {
    return this.conditions.update(slug, dto);
  }

  @Curator()
  @Delete(':slug')
  @RemoveDocs('condition')
  remove(@Param('slug') slug: string): Promise<void> {
    return this.conditions.remove(slug);
  }
}
