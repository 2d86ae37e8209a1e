import type { OperationOutcome } from 'fhir/r4';
import { createFhirTestApp, expectValidFhir, FhirTestApp } from './support/fhir';

/** Every refusal is an OperationOutcome that validates, with a 4xx status: never a problem+json, never a 500. */
function expectOutcome(res: { status: number; headers: Record<string, string>; body: unknown }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  const outcome = expectValidFhir(res.body as OperationOutcome);
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue[0].severity).toBe('error');
  expect(outcome.issue[0].diagnostics).toEqual(expect.any(String));
  return outcome;
}

const UNKNOWN = '3f1c2a9e-0000-4000-8000-000000000000';

describe('FHIR R4 bad input', () => {
  let t: FhirTestApp;

  beforeAll(async () => {
    t = await createFhirTestApp();
  });

  afterAll(() => t.close());

  it.each([
    `Practitioner/${UNKNOWN}`,
    'Practitioner/not-a-uuid',
    'Organization/abc',
    `Location/${UNKNOWN}`,
    `PractitionerRole/${UNKNOWN}`,
    `VerificationResult/${UNKNOWN}`,
    `Practitioner/${'x'.repeat(200)}`,
    'Practitioner/a_b',
    'Patient',
    'Patient/1',
    'CodeSystem/icd-10',
    `Practitioner/${UNKNOWN}/_history`,
    '',
  ])('should answer 404 with an OperationOutcome for /fhir/%s', async (path) => {
    const outcome = expectOutcome(await t.http.get(`/fhir/${path}`.replace(/\/$/, '')), 404);
    expect(outcome.issue[0].code).toBe('not-found');
  });

  it.each([
    ['Location?near=abc', 'near'],
    ['Location?near=91|0|5|km', 'near'],
    ['Location?near=0|181|5|km', 'near'],
    ['Location?near=30|-97|0|km', 'near'],
    ['Location?near=30|-97|-5|km', 'near'],
    ['Location?near=30|-97|501|km', 'near'],
    ['Location?near=30|-97|5|mi', 'near'],
    ['Location?near=30|-97|5|km|x', 'near'],
    ['Location?near=1e3|2', 'near'],
    ['Practitioner?_count=0', '_count'],
    ['Practitioner?_count=1000', '_count'],
    ['Practitioner?_count=-1', '_count'],
    ['Practitioner?_count=1.5', '_count'],
    ['Practitioner?gender=female', 'gender'],
    ['Practitioner?name:missing=true', 'name:missing'],
    ['Practitioner?_sort=name', '_sort'],
    ['Practitioner?_summary=true', '_summary'],
    ['Practitioner?_elements=id', '_elements'],
    ['Location?name=clinic', 'name'],
    ['Practitioner?_include=PractitionerRole:practitioner', '_include'],
    ['PractitionerRole?_include=PractitionerRole:organization', '_include'],
    ['PractitionerRole?_include:iterate=PractitionerRole:location', '_include:iterate'],
    ['PractitionerRole?_revinclude=PractitionerRole:location', '_revinclude'],
    ['Practitioner?name=a&name=b', 'name'],
    ['Practitioner?name=', 'name'],
    ['Practitioner?name=!!!', 'name'],
    [`Practitioner?name=${'a'.repeat(201)}`, 'name'],
    ['Practitioner?_total=maybe', '_total'],
    ['PractitionerRole?practitioner=Location/abc', 'practitioner'],
    ['PractitionerRole?specialty=|', 'specialty'],
    ['Practitioner?_id=a%20b', '_id'],
    ['Practitioner?_cursor=garbage', '_cursor'],
    [`Location?near=30|-97|5|km&_id=${UNKNOWN}`, 'near'],
    ['VerificationResult?target=Organization/x', 'target'],
  ])('should answer 400 with an OperationOutcome for %s', async (query, expression) => {
    const outcome = expectOutcome(await t.http.get(`/fhir/${query}`), 400);
    expect(outcome.issue[0].expression).toEqual([expression]);
  });

  it('should take near without distance and unit (25 km)', async () => {
    const res = await t.http.get('/fhir/Location?near=30.2672|-97.7431').expect(200);
    expect(expectValidFhir(res.body).resourceType).toBe('Bundle');
  });

  it('should serve code systems by read only', async () => {
    expect(expectOutcome(await t.http.get('/fhir/CodeSystem'), 400).issue[0].code).toBe('not-supported');
  });

  it('should answer 406 for a format other than JSON', async () => {
    expectOutcome(await t.http.get('/fhir/Practitioner?_format=xml'), 406);
    expectOutcome(await t.http.get('/fhir/metadata?_format=xml'), 406);
    await t.http.get('/fhir/Practitioner?_format=application/fhir%2Bjson').expect(200);
    await t.http.get('/fhir/metadata?_format=json').expect(200);
  });

  it('should take no search parameter on a read', async () => {
    expect(expectOutcome(await t.http.get('/fhir/metadata?name=x'), 400).issue[0].expression).toEqual(['name']);
    expectOutcome(await t.http.get(`/fhir/Practitioner/${UNKNOWN}?_elements=id`), 400);
    expectOutcome(await t.http.get(`/fhir/Practitioner/${UNKNOWN}?_format=json`), 404);
  });

  it.each(['post', 'put', 'delete', 'patch'] as const)(
    'should refuse %s as a read-only server (405)',
    async (method) => {
      const outcome = expectOutcome(await t.http[method]('/fhir/Practitioner').send({}), 405);
      expect(outcome.issue[0].code).toBe('not-supported');
      expectOutcome(await t.http[method](`/fhir/Practitioner/${UNKNOWN}`).send({}), 405);
    },
  );

  it('should answer a rate-limited search with a 429 OperationOutcome and Retry-After', async () => {
    const limited = await createFhirTestApp({ RATE_LIMITS: 'on', PUBLIC_LOOKUP_RATE_LIMIT: '2' });
    try {
      await limited.http.get('/fhir/Organization').expect(200);
      await limited.http.get('/fhir/Organization').expect(200);
      const res = await limited.http.get('/fhir/Organization');
      expect(expectOutcome(res, 429).issue[0].code).toBe('throttled');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
