import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Idempotent } from '../common/idempotency.interceptor';
import { PartnerAccess } from '../common/route-policy';
import { validationPipeFor } from '../common/validation';
import { Curator, RemoveDocs } from './taxonomy-docs';

/** What a taxonomy list's service offers its routes (a TaxonomyService of that list). */
interface Terms {
  list(): Promise<unknown>;
  create(fields: object): Promise<unknown>;
  update(slug: string, fields: object): Promise<unknown>;
  remove(slug: string): Promise<void>;
}

interface TaxonomySpec {
  name: string;
  path: string;
  kind: string;
  service: Type<Terms>;
  dto: Type;
  list: Type;
  create: Type;
  update: Type;
  listed: { summary: string; description: string };
  edited: string;
  /** Fills what a create may leave out. */
  withDefaults?: (dto: object) => object;
}

/** The routes of one taxonomy list (conditions, specialties): the same five, with that list's DTOs and words. */
export function taxonomyController(spec: TaxonomySpec) {
  @ApiTags('taxonomy')
  @Idempotent()
  @Controller(spec.path)
  class TaxonomyController {
    constructor(@Inject(spec.service) readonly terms: Terms) {}

    @Public()
    @PartnerAccess()
    @Get()
    @ApiOperation(spec.listed)
    @ApiOkResponse({ type: spec.list })
    list(): Promise<unknown> {
      return this.terms.list();
    }

    @Curator()
    @Post()
    @ApiOperation({ summary: `Add a ${spec.kind}` })
    @ApiBody({ type: spec.create })
    @ApiCreatedResponse({ type: spec.dto })
    @ApiConflictResponse({ description: 'The slug is taken' })
    create(@Body(validationPipeFor(spec.create)) dto: object): Promise<unknown> {
      return this.terms.create((spec.withDefaults ?? ((d) => d))(dto));
    }

    @Curator()
    @Patch(':slug')
    @ApiOperation({ summary: `Edit a ${spec.kind}`, description: spec.edited })
    @ApiBody({ type: spec.update })
    @ApiOkResponse({ type: spec.dto })
    @ApiNotFoundResponse({ description: `No ${spec.kind} with this slug` })
    update(@Param('slug') slug: string, @Body(validationPipeFor(spec.update)) dto: object): Promise<unknown> {
      return this.terms.update(slug, dto);
    }

    @Curator()
    @Delete(':slug')
    @RemoveDocs(spec.kind)
    remove(@Param('slug') slug: string): Promise<void> {
      return this.terms.remove(slug);
    }
  }
  // Named after its list, as a hand-written controller would be: logs and OpenAPI operation ids use the name.
  Object.defineProperty(TaxonomyController, 'name', { value: spec.name });
  return TaxonomyController;
}
