import type { ContactPoint, Reference } from 'fhir/r4';
import { directorySystems } from '../fhir-urls';

/** What a resource needs to know about where it is served: the public URL and the systems named after it. */
export class FhirContext {
  readonly base: string;
  readonly systems: ReturnType<typeof directorySystems>;

  constructor(readonly publicUrl: string) {
    this.base = `${publicUrl}/fhir`;
    this.systems = directorySystems(publicUrl);
  }

  fullUrl(type: string, id: string): string {
    return `${this.base}/${type}/${id}`;
  }
}

export function reference(type: string, id: string, display?: string): Reference {
  return { reference: `${type}/${id}`, ...(display ? { display } : {}) };
}

/** The practice's phone and website; the profile's e-mail address is never published here. */
export function practiceTelecom(row: { phone: string | null; website: string | null }): ContactPoint[] | undefined {
  const telecom: ContactPoint[] = [];
  if (row.phone) {
    telecom.push({ system: 'phone', value: row.phone, use: 'work' });
  }
  if (row.website) {
    telecom.push({ system: 'url', value: row.website, use: 'work' });
  }
  return telecom.length ? telecom : undefined;
}

/** A resource as this server builds it: always with its id. */
export type WithId<T> = T & { id: string };
