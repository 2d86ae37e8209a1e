import { Controller, Get, Header, Param, Query, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import type { Bundle, CapabilityStatement, FhirResource } from 'fhir/r4';
import { Public } from '../auth/decorators';
import { RateLimit } from '../common/rate-limit';
import { FhirError } from './fhir-error';
import { capabilityStatement } from './fhir-capability';
import { FhirOutcomeFilter } from './fhir-outcome.filter';
import { checkReadQuery, RawQuery } from './fhir-query';
import { FhirResources } from './fhir-resources.service';
import { FHIR_RESOURCE_TYPES, FhirResourceType } from './fhir-search-parameters';
import { FhirSearchService } from './fhir-search.service';
import { FHIR_JSON } from './fhir-urls';

function resourceType(type: string): FhirResourceType {
  if (type === 'CodeSystem') {
    throw new FhirError(
      400,
      'not-supported',
      'CodeSystem is read only: CodeSystem/specialty and CodeSystem/condition.',
    );
  }
  if (!(FHIR_RESOURCE_TYPES as readonly string[]).includes(type)) {
    throw new FhirError(404, 'not-found', `${type} is not served here; GET /fhir/metadata lists what is.`);
  }
  return type as FhirResourceType;
}

/** FHIR R4, read-only, outside /api/v1 and the OpenAPI document: the CapabilityStatement documents it. */
@ApiExcludeController()
@Public()
@UseFilters(FhirOutcomeFilter)
@Controller('fhir')
export class FhirController {
  private readonly started = new Date();

  constructor(
    private readonly resources: FhirResources,
    private readonly searches: FhirSearchService,
  ) {}

  @Get('metadata')
  @Header('Content-Type', FHIR_JSON)
  metadata(@Query() query: RawQuery): CapabilityStatement {
    checkReadQuery(query);
    return capabilityStatement(this.resources.ctx.base, this.started);
  }

  @Get(':type')
  @RateLimit('lookup')
  @Header('Content-Type', FHIR_JSON)
  search(@Param('type') type: string, @Query() query: RawQuery): Promise<Bundle> {
    return this.searches.search(resourceType(type), query);
  }

  @Get(':type/:id')
  @Header('Content-Type', FHIR_JSON)
  read(@Param('type') type: string, @Param('id') id: string, @Query() query: RawQuery): Promise<FhirResource> {
    checkReadQuery(query);
    return type === 'CodeSystem' ? this.resources.codeSystem(id) : this.resources.read(resourceType(type), id);
  }

  /** Other methods never get here: FhirReadOnly answers them 405. */
  @Get(['', '*'])
  unknown(@Req() request: FastifyRequest): never {
    throw new FhirError(404, 'not-found', `${request.url.split('?')[0]} is not a FHIR interaction served here.`);
  }
}
