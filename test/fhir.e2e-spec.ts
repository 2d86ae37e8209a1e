import type {
  Bundle,
  CapabilityStatement,
  CodeSystem,
  FhirResource,
  Organization,
  Practitioner,
  PractitionerRole,
  VerificationResult,
} from 'fhir/r4';
import { createFhirTestApp, expectValidFhir, fhirErrors, FhirTestApp } from './support/fhir';
import { FhirDirectory, privateStrings, seedFhirDirectory } from './support/fhir-directory';
import { addCertification } from './support/search';

describe('FHIR R4 resources', () => {
  let t: FhirTestApp;
  let d: FhirDirectory;

  /** What a client receives: every resource is checked against the R4 definitions and for private data. */
  async function get<T extends FhirResource>(path: string, status = 200): Promise<T> {
    const res = await t.http.get(`/fhir/${path}`).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const text = JSON.stringify(res.body);
    for (const secret of privateStrings(d)) {
      expect(text).not.toContain(secret);
    }
    return expectValidFhir(res.body as T);
  }

  beforeAll(async () => {
    t = await createFhirTestApp();
    d = await seedFhirDirectory(t);
  });

  afterAll(() => t.close());

  it('should really validate: a broken resource fails the R4 validator', () => {
    expect(fhirErrors({ resourceType: 'Practitioner', name: 'Greta', active: 'yes', nickname: 'x' })).toHaveLength(3);
    expect(fhirErrors({ resourceType: 'VerificationResult', target: [{ reference: 'Practitioner/x' }] })).toEqual([
      expect.objectContaining({ location: 'VerificationResult.status' }),
    ]);
    expect(fhirErrors({ resourceType: 'Practitioner', name: [{ text: 'Greta' }], active: true })).toEqual([]);
  });

  it('should describe every resource and search parameter in the CapabilityStatement', async () => {
    const cs = await get<CapabilityStatement>('metadata');
    expect(cs.fhirVersion).toBe('4.0.1');
    const resources = Object.fromEntries(cs.rest![0].resource!.map((r) => [r.type, r]));
    const params = (type: string) => resources[type].searchParam!.map((p) => p.name).sort();
    expect(params('Practitioner')).toEqual(['_id', 'name']);
    expect(params('Organization')).toEqual(['_id', 'name']);
    expect(params('Location')).toEqual(['_id', 'near']);
    expect(params('PractitionerRole')).toEqual(['_id', 'location', 'practitioner', 'specialty']);
    expect(params('VerificationResult')).toEqual(['_id', 'target']);
    expect(resources.PractitionerRole.searchInclude).toEqual([
      'PractitionerRole:practitioner',
      'PractitionerRole:location',
    ]);
    expect(resources.Location.searchRevInclude).toEqual(['PractitionerRole:location']);
    expect(resources.CodeSystem.interaction).toEqual([{ code: 'read' }]);
  });

  it('should show a practitioner under the display name with the verified certification as a qualification', async () => {
    const p = await get<Practitioner>(`Practitioner/${d.verified.id}`);
    expect(p.name).toEqual([{ use: 'usual', text: 'Greta Q., LMT' }]);
    expect(p.qualification).toHaveLength(1);
    const [q] = p.qualification!;
    const [{ credentialNumber, credentialType, expiresOn }] = (
      await t.http.get(`/api/v1/therapists/${d.verified.id}`).expect(200)
    ).body.certifications as { credentialNumber: string; credentialType: string; expiresOn: string }[];
    expect(q.identifier![0].value).toBe(credentialNumber);
    expect(q.code.text).toBe(credentialType);
    expect(q.period?.end).toBe(expiresOn);
    expect(q.issuer).toEqual({ reference: `Organization/${d.association.id}`, display: 'Neuromuscular Therapy Board' });
    const issuer = await get<Organization>(q.issuer!.reference!);
    expect(issuer.name).toBe('Neuromuscular Therapy Board');
    expect(issuer.identifier![0].value).toBe(d.association.slug);
  });

  it('should present no unverified, expired or rejected claim as a qualification', async () => {
    const p = await get<Practitioner>(`Practitioner/${d.unmatched.id}`);
    expect(p.qualification).toBeUndefined();
    await addCertification(t, d.verifiedFar.id, 'verified', '2001-01-01');
    await addCertification(t, d.verifiedFar.id, 'rejected', null);
    const far = await get<Practitioner>(`Practitioner/${d.verifiedFar.id}`);
    expect(far.qualification).toHaveLength(1);
  });

  it('should give one VerificationResult per certification, with primary source, last check and outcome', async () => {
    const expired = await addCertification(t, d.verified.id, 'verified', '2001-01-01');
    const bundle = await get<Bundle>(`VerificationResult?target=Practitioner/${d.verified.id}`);
    const results = bundle.entry!.map((e) => e.resource as VerificationResult);
    expect(bundle.total).toBe(2);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    const ok = byId[d.verified.certificationId!];
    expect(ok.status).toBe('validated');
    expect(ok.target).toEqual([{ reference: `Practitioner/${d.verified.id}`, display: 'Greta Q., LMT' }]);
    expect(ok.primarySource![0].who?.reference).toBe(`Organization/${d.association.id}`);
    expect(ok.primarySource![0].validationStatus?.coding?.[0].code).toBe('successful');
    expect(Date.parse(ok.lastPerformed)).toBeGreaterThan(Date.now() - 600_000);
    expect(byId[expired].status).toBe('req-revalid');
    const unmatched = await get<Bundle>(`VerificationResult?target=${d.unmatched.id}`);
    expect((unmatched.entry![0].resource as VerificationResult).status).toBe('attested');
    await get<VerificationResult>(`VerificationResult/${d.unmatched.certificationId}`);
  });

  it('should answer the practitioner role with specialties, conditions treated and the practice', async () => {
    const role = await get<PractitionerRole>(`PractitionerRole/${d.verified.id}`);
    expect(role.practitioner?.reference).toBe(`Practitioner/${d.verified.id}`);
    expect(role.location?.[0].reference).toBe(`Location/${d.verified.id}`);
    const codes = role.specialty!.flatMap((s) => s.coding!.map((c) => c.code));
    expect(codes).toEqual(expect.arrayContaining(['trigger-point-therapy', 'fibromyalgia', 'M79.7', 'low-back-pain']));
    expect(role.telecom).toEqual([{ system: 'phone', value: '(512) 555-0100', use: 'work' }]);
  });

  it("should resolve every code of the directory's own systems at the system's URL", async () => {
    const role = await get<PractitionerRole>(`PractitionerRole/${d.verified.id}`);
    const codings = role.specialty!.flatMap((s) => s.coding!).filter((c) => c.system!.startsWith(t.baseUrl));
    expect(new Set(codings.map((c) => c.system))).toEqual(
      new Set([`${t.baseUrl}/CodeSystem/specialty`, `${t.baseUrl}/CodeSystem/condition`]),
    );
    for (const coding of codings) {
      const system = await get<CodeSystem>(new URL(coding.system!).pathname.replace('/fhir/', ''));
      expect(system.url).toBe(coding.system);
      expect(system.concept!.find((c) => c.code === coding.code)?.display).toBe(coding.display);
    }
    const conditions = await get<CodeSystem>('CodeSystem/condition');
    const fibromyalgia = conditions.concept!.find((c) => c.code === 'fibromyalgia')!;
    expect(fibromyalgia.property).toEqual([{ code: 'icd10', valueCoding: expect.objectContaining({ code: 'M79.7' }) }]);
  });

  it('should keep unpublished profiles, their roles, practices and results invisible', async () => {
    const id = d.unpublished.id;
    for (const path of [`Practitioner/${id}`, `PractitionerRole/${id}`, `Location/${id}`]) {
      await get(path, 404);
    }
    await get(`VerificationResult/${d.unpublished.certificationId}`, 404);
    for (const path of [
      `Practitioner?name=hidden`,
      `PractitionerRole?practitioner=${id}`,
      `Location?_id=${id}`,
      `VerificationResult?target=${id}`,
    ]) {
      const bundle = await get<Bundle>(path);
      expect(bundle.total).toBe(0);
      expect(bundle.entry).toBeUndefined();
    }
  });

  it('should find practitioners and associations by name as FHIR string search does', async () => {
    const names = async (query: string) =>
      ((await get<Bundle>(`Practitioner?${query}`)).entry ?? []).map((e) => (e.resource as Practitioner).name![0].text);
    expect(await names('name=gre')).toEqual(['Greta Q., LMT']);
    expect(await names('name=BODY')).toEqual(['Bart V. Bodywork']);
    expect(await names('name:contains=odywor')).toEqual(['Bart V. Bodywork']);
    expect(await names('name:exact=Greta%20Q.,%20LMT')).toEqual(['Greta Q., LMT']);
    expect(await names('name:exact=greta%20q.,%20lmt')).toEqual([]);
    expect(await names('name=quistorp')).toEqual([]);
    const orgs = await get<Bundle>('Organization?name=neuromuscular');
    expect(orgs.entry!.map((e) => e.resource!.id)).toEqual([d.association.id]);
  });
});
