import type { Organization } from 'fhir/r4';
import { OrganizationRow } from '../fhir.repository';
import { FhirContext, WithId } from './fhir-context';

/** An association: the issuer of credentials and the primary source their verification is checked against. */
export function organizationResource(row: OrganizationRow, ctx: FhirContext): WithId<Organization> {
  return {
    resourceType: 'Organization',
    id: row.id,
    identifier: [{ system: ctx.systems.association, value: row.slug }],
    active: true,
    type: [{ text: 'Professional association' }],
    name: row.name,
    ...(row.website ? { telecom: [{ system: 'url', value: row.website, use: 'work' }] } : {}),
  };
}
