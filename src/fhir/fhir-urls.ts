export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const FHIR_VERSION = '4.0.1';

/** Code systems and extensions used in the resources: HL7 and NDH ones where they exist, the directory's own else. */
export const SYSTEMS = {
  bcp47: 'urn:ietf:bcp:47',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  nucc: 'http://nucc.org/provider-taxonomy',
  ucum: 'http://unitsofmeasure.org',
  need: 'http://terminology.hl7.org/CodeSystem/need',
  validationType: 'http://terminology.hl7.org/CodeSystem/validation-type',
  validationStatus: 'http://terminology.hl7.org/CodeSystem/validation-status',
  primarySourceType: 'http://terminology.hl7.org/CodeSystem/primary-source-type',
  acceptingPatients: 'http://hl7.org/fhir/us/ndh/CodeSystem/AcceptingPatientsCS',
} as const;

export const EXTENSIONS = {
  locationDistance: 'http://hl7.org/fhir/StructureDefinition/location-distance',
  newPatients: 'http://hl7.org/fhir/us/ndh/StructureDefinition/base-ext-newpatients',
  practitionerQualification: 'http://hl7.org/fhir/us/ndh/StructureDefinition/base-ext-practitioner-qualification',
} as const;

/** NUCC provider taxonomy: Massage Therapist. */
export const MASSAGE_THERAPIST = { system: SYSTEMS.nucc, code: '225700000X', display: 'Massage Therapist' };

/** The directory's own code systems and identifier namespaces, under its public URL. */
export function directorySystems(publicUrl: string) {
  return {
    specialty: `${publicUrl}/fhir/CodeSystem/specialty`,
    condition: `${publicUrl}/fhir/CodeSystem/condition`,
    therapist: `${publicUrl}/therapists`,
    association: `${publicUrl}/associations`,
  };
}
