import { Injectable } from '@nestjs/common';
import type { FhirResource } from 'fhir/r4';
import { Env } from '../config/env';
import { notFound } from './fhir-error';
import { FhirResourceType } from './fhir-search-parameters';
import { isUuid } from './fhir-values';
import { FhirRepository } from './fhir.repository';
import { CODE_SYSTEMS, CodeSystemId, codeSystemResource } from './resources/code-system';
import { FhirContext } from './resources/fhir-context';
import { locationResource } from './resources/location';
import { organizationResource } from './resources/organization';
import { practitionerResource } from './resources/practitioner';
import { practitionerRoleResource } from './resources/practitioner-role';
import { verificationResultResource } from './resources/verification-result';

type Identified = FhirResource & { id: string };

/** Resources by id, from the public rows only: reads, search pages and includes all come through here. */
@Injectable()
export class FhirResources {
  readonly ctx: FhirContext;

  constructor(
    env: Env,
    private readonly repository: FhirRepository,
  ) {
    this.ctx = new FhirContext(env.PUBLIC_URL!);
  }

  async read(type: FhirResourceType, id: string): Promise<FhirResource> {
    const [resource] = isUuid(id) ? await this.load(type, [id.toLowerCase()]) : [];
    if (!resource) {
      throw notFound(type, id);
    }
    return resource;
  }

  async codeSystem(id: string): Promise<FhirResource> {
    if (!(CODE_SYSTEMS as readonly string[]).includes(id)) {
      throw notFound('CodeSystem', id);
    }
    return codeSystemResource(id as CodeSystemId, await this.repository.concepts(id as CodeSystemId), this.ctx);
  }

  /** The visible resources among `ids`, in the order of `ids`. */
  async load(type: FhirResourceType, ids: string[]): Promise<Identified[]> {
    if (!ids.length) {
      return [];
    }
    const resources = await this.fetch(type, ids);
    const byId = new Map(resources.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private async fetch(type: FhirResourceType, ids: string[]): Promise<Identified[]> {
    const ctx = this.ctx;
    switch (type) {
      case 'Practitioner':
        return (await this.repository.therapists(ids, ['qualifications'])).map((r) => practitionerResource(r, ctx));
      case 'PractitionerRole':
        return (await this.repository.therapists(ids, ['taxonomy'])).map((r) => practitionerRoleResource(r, ctx));
      case 'Location':
        return (await this.repository.therapists(ids, [])).map(locationResource);
      case 'Organization':
        return (await this.repository.organizations(ids)).map((r) => organizationResource(r, ctx));
      case 'VerificationResult':
        return (await this.repository.verifications(ids)).map(verificationResultResource);
    }
  }
}
