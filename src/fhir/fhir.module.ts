import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module';
import { FhirController } from './fhir.controller';
import { FhirReadOnly } from './fhir-read-only';
import { FhirResources } from './fhir-resources.service';
import { FhirSearchService } from './fhir-search.service';
import { FhirRepository } from './fhir.repository';

/** The FHIR R4 read API at /fhir. Location?near runs the search feature's own statement (SearchRepository). */
@Module({
  imports: [SearchModule],
  controllers: [FhirController],
  providers: [FhirReadOnly, FhirRepository, FhirResources, FhirSearchService],
})
export class FhirModule {}
