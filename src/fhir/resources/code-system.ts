import type { CodeSystem } from 'fhir/r4';
import { SYSTEMS } from '../fhir-urls';
import { FhirContext, WithId } from './fhir-context';

export const CODE_SYSTEMS = ['specialty', 'condition'] as const;
export type CodeSystemId = (typeof CODE_SYSTEMS)[number];

export interface ConceptRow {
  slug: string;
  name: string;
  description?: string;
  icd10?: string[];
}

const TITLES: Record<CodeSystemId, { name: string; title: string; description: string }> = {
  specialty: {
    name: 'NmtSpecialty',
    title: 'Specialties of neuromuscular massage therapists',
    description: 'Techniques and focuses (GET /api/v1/specialties), used in PractitionerRole.specialty.',
  },
  condition: {
    name: 'NmtCondition',
    title: 'Conditions treated by neuromuscular massage therapists',
    description:
      'Conditions treated (GET /api/v1/conditions), used in PractitionerRole.specialty; each maps to its ICD-10-CM codes.',
  },
};

/** The directory's own code system behind the slugs of PractitionerRole.specialty, so that its codes resolve. */
export function codeSystemResource(id: CodeSystemId, rows: ConceptRow[], ctx: FhirContext): WithId<CodeSystem> {
  const withIcd10 = id === 'condition';
  return {
    resourceType: 'CodeSystem',
    id,
    url: `${ctx.base}/CodeSystem/${id}`,
    ...TITLES[id],
    status: 'active',
    experimental: false,
    publisher: 'NMT Directory',
    caseSensitive: true,
    content: 'complete',
    count: rows.length,
    ...(withIcd10
      ? { property: [{ code: 'icd10', description: 'An ICD-10-CM code of the condition', type: 'Coding' }] }
      : {}),
    concept: rows.map((row) => ({
      code: row.slug,
      display: row.name,
      ...(row.description ? { definition: row.description } : {}),
      ...(withIcd10 && row.icd10?.length
        ? { property: row.icd10.map((code) => ({ code: 'icd10', valueCoding: { system: SYSTEMS.icd10cm, code } })) }
        : {}),
    })),
  };
}
