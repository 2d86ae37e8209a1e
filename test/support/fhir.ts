import { Fhir } from 'fhir';
import { Client } from 'fhir-kit-client';
import { EnvInput } from '../../src/config/env';
import { createListeningTestApp, ListeningTestApp } from './listening-app';

/** The R4 structure definitions bundled with the `fhir` package (FHIR.js): types, cardinality, required bindings. */
const validator = new Fhir();

export interface FhirIssue {
  location?: string;
  message?: string;
}

export function fhirErrors(resource: unknown): FhirIssue[] {
  const result = validator.validate(resource as object, { errorOnUnexpected: true });
  return result.messages.filter((m) => String(m.severity) === 'error');
}

/** Fails the test unless the resource (a Bundle with everything in it, too) validates against FHIR R4 with 0 errors. */
export function expectValidFhir<T>(resource: T): T {
  expect(fhirErrors(resource)).toEqual([]);
  return resource;
}

export interface FhirTestApp extends ListeningTestApp {
  baseUrl: string;
  /** A FHIR client of the running app, as a health system would point one at it. */
  client: Client;
}

/** The app listening on an ephemeral port, with a FHIR client pointed at its base. */
export async function createFhirTestApp(overrides: EnvInput = {}): Promise<FhirTestApp> {
  const t = await createListeningTestApp(overrides);
  const baseUrl = `${t.publicUrl}/fhir`;
  return { ...t, baseUrl, client: new Client({ baseUrl }) };
}
