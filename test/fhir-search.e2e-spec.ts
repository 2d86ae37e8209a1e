import type { Bundle, Location, OperationOutcome, Practitioner, PractitionerRole } from 'fhir/r4';
import { greatCircleKm } from '../src/search/search-sql';
import { createFhirTestApp, expectValidFhir, FhirTestApp } from './support/fhir';
import { FhirDirectory, ORIGIN, privateStrings, seedFhirDirectory } from './support/fhir-directory';

describe('FHIR R4 searches through a FHIR client', () => {
  let t: FhirTestApp;
  let d: FhirDirectory;

  /** What the client receives: valid R4, and no legal name or e-mail address anywhere in it. */
  function received<T = Bundle>(resource: unknown): T {
    const text = JSON.stringify(resource);
    for (const secret of privateStrings(d)) {
      expect(text).not.toContain(secret);
    }
    return expectValidFhir(resource as T);
  }

  async function search(resourceType: string, searchParams: Record<string, string | string[]>): Promise<Bundle> {
    return received(await t.client.search({ resourceType, searchParams }));
  }

  /** Every page, following the server's next links as the client does. */
  async function allPages(first: Bundle): Promise<Bundle[]> {
    const pages = [first];
    for (let page = first; page.link?.some((l) => l.relation === 'next');) {
      page = received(
        await t.client.nextPage({ bundle: page as unknown as Parameters<typeof t.client.nextPage>[0]['bundle'] }),
      );
      pages.push(page);
    }
    return pages;
  }

  const near = `${ORIGIN.lat}|${ORIGIN.lng}|10|km`;
  const matches = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match');
  const includes = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'include');

  beforeAll(async () => {
    t = await createFhirTestApp();
    d = await seedFhirDirectory(t);
  });

  afterAll(() => t.close());

  it('should list practices within the distance nearest first, with their position and distance', async () => {
    const bundle = await search('Location', { near });
    expect(bundle.type).toBe('searchset');
    expect(bundle.total).toBe(3);
    const locations = matches(bundle).map((e) => e.resource as Location);
    expect(locations.map((l) => l.id)).toEqual([d.verified.id, d.unmatched.id, d.verifiedFar.id]);
    for (const [i, entry] of matches(bundle).entries()) {
      const { latitude, longitude } = locations[i].position!;
      const distance = entry.search!.extension![0].valueDistance!;
      expect(distance.value).toBeCloseTo(greatCircleKm(ORIGIN.lat, ORIGIN.lng, latitude, longitude), 1);
      expect(distance.code).toBe('km');
    }
  });

  it('should page with next links: every practice once, in order, and the total on each page', async () => {
    const pages = await allPages(await search('Location', { near: `${ORIGIN.lat}|${ORIGIN.lng}|500|km`, _count: '1' }));
    expect(pages).toHaveLength(4);
    expect(pages.flatMap((p) => matches(p).map((e) => e.resource!.id))).toEqual([
      d.verified.id,
      d.unmatched.id,
      d.verifiedFar.id,
      d.elsewhere.id,
    ]);
    expect(pages.map((p) => p.total)).toEqual([4, 4, 4, 4]);
  });

  it('should answer "who treats this near me" in one call with _revinclude', async () => {
    const bundle = await search('Location', { near, _revinclude: 'PractitionerRole:location' });
    const roles = includes(bundle).map((e) => e.resource as PractitionerRole);
    expect(roles.map((r) => r.location![0].reference)).toEqual(
      matches(bundle).map((e) => `Location/${e.resource!.id}`),
    );
    const treats = roles.filter((r) => r.specialty?.some((s) => s.coding!.some((c) => c.code === 'fibromyalgia')));
    expect(treats.map((r) => r.practitioner!.reference)).toEqual([
      `Practitioner/${d.verified.id}`,
      `Practitioner/${d.unmatched.id}`,
    ]);
  });

  it('should search roles by specialty, condition or ICD-10 code and include practitioners and practices', async () => {
    const bundle = await search('PractitionerRole', {
      specialty: 'http://hl7.org/fhir/sid/icd-10-cm|M79.7',
      _include: ['PractitionerRole:practitioner', 'PractitionerRole:location'],
    });
    const ids = [d.verified.id, d.unmatched.id, d.elsewhere.id].sort();
    expect(matches(bundle).map((e) => e.resource!.id)).toEqual(ids);
    const included = includes(bundle).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);
    expect(included.sort()).toEqual([...ids.map((id) => `Location/${id}`), ...ids.map((id) => `Practitioner/${id}`)]);
    const bySlug = await search('PractitionerRole', { specialty: 'myofascial-release' });
    expect(matches(bySlug).map((e) => e.resource!.id)).toEqual([d.verifiedFar.id]);
    const byPractitioner = await search('PractitionerRole', { practitioner: `Practitioner/${d.verified.id}` });
    expect(matches(byPractitioner).map((e) => e.resource!.id)).toEqual([d.verified.id]);
    const byLocation = await search('PractitionerRole', { location: `Location/${d.verifiedFar.id}` });
    expect(matches(byLocation).map((e) => e.resource!.id)).toEqual([d.verifiedFar.id]);
  });

  it('should page id-ordered searches with next links, and read what a reference points to', async () => {
    const pages = await allPages(await search('Practitioner', { _count: '2' }));
    const ids = pages.flatMap((p) => matches(p).map((e) => e.resource!.id!));
    expect(ids).toEqual([d.verified.id, d.verifiedFar.id, d.unmatched.id, d.elsewhere.id].sort());
    const role = received<PractitionerRole>(
      await t.client.read({ resourceType: 'PractitionerRole', id: d.verifiedFar.id }),
    );
    const [type, id] = role.practitioner!.reference!.split('/');
    const practitioner = received<Practitioner>(await t.client.read({ resourceType: type, id }));
    expect(practitioner.name![0].text).toBe('Bart V. Bodywork');
  });

  it('should count beyond 100 matches only when asked (_total=accurate), and not at all with _total=none', async () => {
    expect((await search('Practitioner', { _total: 'none' })).total).toBeUndefined();
    expect((await search('Practitioner', { _total: 'accurate' })).total).toBe(4);
    expect((await search('Location', { near, _total: 'accurate' })).total).toBe(3);
  });

  it('should refuse a cursor taken from another search', async () => {
    const first = await search('Location', { near, _count: '1' });
    const cursor = new URL(first.link!.find((l) => l.relation === 'next')!.url).searchParams.get('_cursor')!;
    const error = (await t.client
      .search({
        resourceType: 'Location',
        searchParams: { near: `${ORIGIN.lat}|${ORIGIN.lng}|20|km`, _cursor: cursor },
      })
      .catch((e: unknown) => e)) as { response: { status: number; data: unknown } };
    expect(error.response.status).toBe(400);
    expect(received<OperationOutcome>(error.response.data).resourceType).toBe('OperationOutcome');
  });
});
