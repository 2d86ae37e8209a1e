import { Fhir } from 'fhir';
import { Client } from 'fhir-kit-client';
import { createServer } from 'node:net';
import { EnvInput } from '../../src/config/env';
import { createTestApp, TestApp } from './app';

/** The R4 structure definitions bundled with the `fhir` package (FHIR.js): types, cardinality, required bindings. */
const validator = new Fhir();

export interface FhirIssue {
  location?: string;
  message?: string;
}

export function fhirErrors(resource: unknown): FhirIssue[] {
  const result = validator.validate(resource as object, { errorOnUnexpected: true });
  return result.messages.filter((m) => m.severity === 'error');
}

/** Fails the test unless the resource (a Bundle with everything in it, too) validates against FHIR R4 with 0 errors. */
export function expectValidFhir<T>(resource: T): T {
  expect(fhirErrors(resource)).toEqual([]);
  return resource;
}

export interface FhirTestApp extends TestApp {
  baseUrl: string;
  /** A FHIR client of the running app, as a health system would point one at it. */
  client: Client;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The app listening on an ephemeral port, its PUBLIC_URL pointing there (links in Bundles are absolute). */
export async function createFhirTestApp(overrides: EnvInput = {}): Promise<FhirTestApp> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ PORT: String(port), PUBLIC_URL: publicUrl, ...overrides });
  await t.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `${publicUrl}/fhir`;
  return { ...t, baseUrl, client: new Client({ baseUrl }) };
}
