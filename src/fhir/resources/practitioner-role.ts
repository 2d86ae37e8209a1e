import type { CodeableConcept, PractitionerRole } from 'fhir/r4';
import { TaxonomyEntry, TherapistRow } from '../fhir.repository';
import { EXTENSIONS, MASSAGE_THERAPIST, SYSTEMS } from '../fhir-urls';
import { FhirContext, practiceTelecom, reference, WithId } from './fhir-context';
import { locationName } from './location';

function specialty(entry: TaxonomyEntry, system: string): CodeableConcept {
  const icd10 = (entry.icd10 ?? []).map((code) => ({ system: SYSTEMS.icd10cm, code }));
  return { coding: [{ system, code: entry.slug, display: entry.name }, ...icd10], text: entry.name };
}

/**
 * The therapist at the practice, as a massage therapist (NUCC 225700000X): the specialties, then the conditions
 * treated (with their ICD-10-CM codes), and whether new clients are taken (NDH new-patients extension).
 */
export function practitionerRoleResource(row: TherapistRow, ctx: FhirContext): WithId<PractitionerRole> {
  const specialties = [
    ...(row.specialties ?? []).map((s) => specialty(s, ctx.systems.specialty)),
    ...(row.conditions ?? []).map((c) => specialty(c, ctx.systems.condition)),
  ];
  return {
    resourceType: 'PractitionerRole',
    id: row.id,
    extension: [
      {
        url: EXTENSIONS.newPatients,
        extension: [
          {
            url: 'acceptingPatients',
            valueCodeableConcept: {
              coding: [{ system: SYSTEMS.acceptingPatients, code: row.acceptingNewClients ? 'newpt' : 'nopt' }],
            },
          },
        ],
      },
    ],
    active: true,
    practitioner: reference('Practitioner', row.id, row.displayName),
    location: [reference('Location', row.id, locationName(row))],
    code: [{ coding: [MASSAGE_THERAPIST] }],
    ...(specialties.length ? { specialty: specialties } : {}),
    telecom: practiceTelecom(row),
  };
}
