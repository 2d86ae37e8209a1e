import type { Practitioner, PractitionerQualification } from 'fhir/r4';
import { QualificationRow, TherapistRow } from '../fhir.repository';
import { EXTENSIONS, SYSTEMS } from '../fhir-urls';
import { FhirContext, reference, WithId } from './fhir-context';

/** A certification verified today, as NDH words a qualification that holds (status `active`). */
function qualification(q: QualificationRow): PractitionerQualification {
  const issuer = reference('Organization', q.associationId, q.associationName);
  const period = { ...(q.issuedOn ? { start: q.issuedOn } : {}), ...(q.expiresOn ? { end: q.expiresOn } : {}) };
  return {
    extension: [{ url: EXTENSIONS.practitionerQualification, extension: [{ url: 'status', valueCode: 'active' }] }],
    identifier: [{ value: q.credentialNumber, assigner: issuer }],
    code: { text: q.credentialType },
    ...(Object.keys(period).length ? { period } : {}),
    issuer,
  };
}

/** The therapist under the public display name (never the legal name), with the qualifications verified today. */
export function practitionerResource(row: TherapistRow, ctx: FhirContext): WithId<Practitioner> {
  const qualifications = row.qualifications ?? [];
  return {
    resourceType: 'Practitioner',
    id: row.id,
    identifier: [{ system: ctx.systems.therapist, value: row.id }],
    active: true,
    name: [{ use: 'usual', text: row.displayName }],
    ...(row.languages.length
      ? { communication: row.languages.map((code) => ({ coding: [{ system: SYSTEMS.bcp47, code }] })) }
      : {}),
    ...(qualifications.length ? { qualification: qualifications.map(qualification) } : {}),
  };
}
