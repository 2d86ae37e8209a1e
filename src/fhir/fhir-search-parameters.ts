export const FHIR_RESOURCE_TYPES = [
  'Practitioner',
  'Organization',
  'Location',
  'PractitionerRole',
  'VerificationResult',
] as const;
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];

export interface SearchParameterDefinition {
  name: string;
  type: 'string' | 'token' | 'reference' | 'special' | 'number';
  /** The SearchParameter it implements; none for the result parameters. */
  definition?: string;
  documentation: string;
  modifiers?: string[];
}

const BASE = 'http://hl7.org/fhir/SearchParameter';

const id: SearchParameterDefinition = {
  name: '_id',
  type: 'token',
  definition: `${BASE}/Resource-id`,
  documentation: 'One id, or several separated by commas.',
};

const NAME_DOC =
  'Matches when a word of the name starts with the text (case, accents and punctuation ignored); ' +
  ':contains anywhere in the name; :exact the whole name as written.';

/**
 * The search parameters each resource supports; the query parser accepts exactly these (plus the result
 * parameters below) and the CapabilityStatement lists them.
 */
export const SEARCH_PARAMETERS: Record<FhirResourceType, SearchParameterDefinition[]> = {
  Practitioner: [
    id,
    {
      name: 'name',
      type: 'string',
      definition: `${BASE}/Practitioner-name`,
      documentation: `The public display name. ${NAME_DOC}`,
      modifiers: ['exact', 'contains'],
    },
  ],
  Organization: [
    id,
    {
      name: 'name',
      type: 'string',
      definition: `${BASE}/Organization-name`,
      documentation: `The association's name. ${NAME_DOC}`,
      modifiers: ['exact', 'contains'],
    },
  ],
  Location: [
    id,
    {
      name: 'near',
      type: 'special',
      definition: `${BASE}/Location-near`,
      documentation:
        'LAT|LNG|DIST|UNIT (WGS84; UNIT km, the default; DIST up to 500, default 25): practices within DIST, nearest ' +
        'first; each entry carries its distance (location-distance extension). Not combined with _id.',
    },
  ],
  PractitionerRole: [
    id,
    {
      name: 'practitioner',
      type: 'reference',
      definition: `${BASE}/PractitionerRole-practitioner`,
      documentation: 'Practitioner/{id} or {id}; several separated by commas.',
    },
    {
      name: 'location',
      type: 'reference',
      definition: `${BASE}/PractitionerRole-location`,
      documentation: 'Location/{id} or {id}; several separated by commas.',
    },
    {
      name: 'specialty',
      type: 'token',
      definition: `${BASE}/PractitionerRole-specialty`,
      documentation:
        'A specialty or condition treated: a slug of the directory (GET /api/v1/specialties, /api/v1/conditions), ' +
        'optionally with its system ({base}/CodeSystem/specialty|slug, {base}/CodeSystem/condition|slug), or an ' +
        'ICD-10-CM code (http://hl7.org/fhir/sid/icd-10-cm|M79.7). Several separated by commas match any.',
    },
  ],
  VerificationResult: [
    id,
    {
      name: 'target',
      type: 'reference',
      definition: `${BASE}/VerificationResult-target`,
      documentation: 'Practitioner/{id} or {id}: the results for that practitioner, one per certification.',
    },
  ],
};

export const INCLUDES: Record<FhirResourceType, string[]> = {
  Practitioner: [],
  Organization: [],
  Location: [],
  PractitionerRole: ['PractitionerRole:practitioner', 'PractitionerRole:location'],
  VerificationResult: [],
};

export const REVINCLUDES: Record<FhirResourceType, string[]> = {
  Practitioner: [],
  Organization: [],
  Location: ['PractitionerRole:location'],
  PractitionerRole: [],
  VerificationResult: [],
};

/** Result parameters every search takes. */
export const RESULT_PARAMETERS: SearchParameterDefinition[] = [
  {
    name: '_count',
    type: 'number',
    documentation: 'Entries per page, 1 to 100 (default 20).',
  },
  {
    name: '_total',
    type: 'token',
    documentation:
      'none, estimate (the default) or accurate. By default the total is given when a search matches at most 100 ' +
      'resources and left out beyond (counting every practice of a dense city costs more than the page); accurate ' +
      'always counts.',
  },
];

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
/** Beyond this many matches, `total` is only counted on request (_total=accurate). */
export const COUNTED_TOTAL = 100;
export const DEFAULT_NEAR_KM = 25;
export const MAX_NEAR_KM = 500;
