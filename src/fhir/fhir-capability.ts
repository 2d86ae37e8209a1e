import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { FHIR_VERSION } from './fhir-urls';
import {
  COUNTED_TOTAL,
  FHIR_RESOURCE_TYPES,
  INCLUDES,
  MAX_COUNT,
  RESULT_PARAMETERS,
  REVINCLUDES,
  SEARCH_PARAMETERS,
  SearchParameterDefinition,
} from './fhir-search-parameters';

const DOCUMENTATION = `Read-only FHIR R4 directory of neuromuscular massage therapists, shaped after the HL7 National
Directory of Healthcare (NDH) where it fits. Only published profiles are served, under their public display name.
Practitioner.qualification lists the certifications verified today against the issuing association's records; every
certification, whatever its outcome, has a VerificationResult. Searches page with a next link (_count 1-${MAX_COUNT});
the total is given up to ${COUNTED_TOTAL} matches unless _total=accurate. Parameters are handled strictly: an unknown
or unsupported parameter is a 400 OperationOutcome.`.replace(/\n/g, ' ');

const searchParam = (p: SearchParameterDefinition) => ({
  name: p.name,
  ...(p.definition ? { definition: p.definition } : {}),
  type: p.type,
  documentation: p.documentation,
});

function resource(type: (typeof FHIR_RESOURCE_TYPES)[number]): CapabilityStatementRestResource {
  return {
    type,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    versioning: 'no-version',
    readHistory: false,
    updateCreate: false,
    ...(INCLUDES[type].length ? { searchInclude: INCLUDES[type] } : {}),
    ...(REVINCLUDES[type].length ? { searchRevInclude: REVINCLUDES[type] } : {}),
    searchParam: SEARCH_PARAMETERS[type].map(searchParam),
  };
}

/** What this server does, built from the same definitions the query parser enforces. */
export function capabilityStatement(base: string, date: Date): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    url: `${base}/metadata`,
    name: 'NmtDirectory',
    title: 'NMT Directory FHIR API',
    status: 'active',
    experimental: false,
    date: date.toISOString(),
    publisher: 'NMT Directory',
    description: DOCUMENTATION,
    kind: 'instance',
    software: { name: 'NMT Directory' },
    implementation: { description: 'NMT Directory', url: base },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: DOCUMENTATION,
        resource: [
          ...FHIR_RESOURCE_TYPES.map(resource),
          {
            type: 'CodeSystem',
            documentation: 'The codes of PractitionerRole.specialty: CodeSystem/specialty and CodeSystem/condition.',
            interaction: [{ code: 'read' }],
          },
        ],
        searchParam: RESULT_PARAMETERS.map(searchParam),
      },
    ],
  };
}
