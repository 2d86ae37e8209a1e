import { createTestApp, TestApp } from './support/app';
import { SEARCH_PATH, SearchPage, seedTherapist, utcDate } from './support/search';

const AUSTIN = '30.2711,-97.7437';

describe('GET /search/therapists: input validation and filters', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
    ids.maria = (
      await seedTherapist(t, {
        displayName: 'Maria Garcia, LMT',
        conditionSlugs: ['fibromyalgia', 'low-back-pain'],
        specialtySlugs: ['trigger-point-therapy'],
        languages: ['en', 'es'],
        sessionLengths: [60, 90],
        rating: { count: 4, sum: 18 },
      })
    ).id;
    ids.john = (
      await seedTherapist(t, {
        displayName: 'John Smith',
        lat: 30.3,
        lng: -97.75,
        conditionSlugs: ['neck-pain'],
        sessionLengths: [60],
        acceptingNewClients: false,
        rating: { count: 2, sum: 6 },
      })
    ).id;
    ids.unverified = (
      await seedTherapist(t, {
        displayName: 'Una Verified',
        lat: 30.28,
        lng: -97.74,
        conditionSlugs: ['fibromyalgia'],
        verification: 'unmatched',
      })
    ).id;
    ids.expired = (
      await seedTherapist(t, {
        displayName: 'Exp Yesterday',
        lat: 30.27,
        lng: -97.745,
        conditionSlugs: ['fibromyalgia'],
        verification: 'expired-yesterday',
      })
    ).id;
    ids.today = (
      await seedTherapist(t, {
        displayName: 'Last Day',
        lat: 30.272,
        lng: -97.744,
        conditionSlugs: ['fibromyalgia'],
        verification: { expiresOn: utcDate(0) },
      })
    ).id;
    ids.hidden = (
      await seedTherapist(t, {
        displayName: 'Hidden Profile',
        lat: 30.271,
        lng: -97.743,
        conditionSlugs: ['fibromyalgia'],
        published: false,
      })
    ).id;
    ids.dallas = (
      await seedTherapist(t, {
        displayName: 'Dallas Person',
        lat: 32.7767,
        lng: -96.797,
        city: 'Dallas',
        conditionSlugs: ['fibromyalgia'],
      })
    ).id;
  });

  afterAll(() => t.close());

  const search = (query: Record<string, unknown>) => t.http.get(SEARCH_PATH).query(query);
  const idsOf = (body: SearchPage) => body.items.map((i) => i.id);
  const expectField = async (query: Record<string, unknown> | string, status: number, field: string) => {
    const res = await (typeof query === 'string' ? t.http.get(`${SEARCH_PATH}?${query}`) : search(query)).expect(
      status,
    );
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
  };

  it('should reject a missing point, a malformed one and coordinates out of range', async () => {
    await expectField({}, 400, 'near');
    await expectField({ near: 'abc' }, 400, 'near');
    await expectField({ near: '91,0' }, 400, 'near');
    await expectField({ near: '0,181' }, 400, 'near');
    await expectField({ near: AUSTIN, postalCode: '78701' }, 400, 'near');
    await expectField({ city: 'Austin' }, 400, 'region');
  });

  it('should say in words, not as a pattern, what a malformed value should look like', async () => {
    const res = await search({ near: 'abc', unknown: '1' }).expect(400);
    expect(res.body).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([
        {
          field: 'near',
          message: 'near is malformed; expected "lat,lng" in decimal degrees, the point to search around',
        },
        { field: 'unknown', message: 'unknown is not a known parameter' },
      ]) as unknown,
    });
  });

  it('should reject radius and limit out of range, NaN and a bad sort', async () => {
    for (const radiusKm of ['0', '501', 'NaN', 'abc', '']) {
      await expectField({ near: AUSTIN, radiusKm }, 400, 'radiusKm');
    }
    await expectField({ near: AUSTIN, limit: '0' }, 400, 'limit');
    await expectField({ near: AUSTIN, limit: '101' }, 400, 'limit');
    await expectField({ near: AUSTIN, sort: 'anything-else' }, 400, 'sort');
    await expectField({ near: AUSTIN, minRating: '6' }, 400, 'minRating');
    await expectField({ near: AUSTIN, acceptingNewClients: 'maybe' }, 400, 'acceptingNewClients');
  });

  it('should reject repeated and unknown parameters, naming them', async () => {
    await expectField(`near=${AUSTIN}&radiusKm=5&radiusKm=6`, 400, 'radiusKm');
    await expectField(`near=${AUSTIN}&near=1,1`, 400, 'near');
    await expectField(`near=${AUSTIN}&condition=fibromyalgia&condition=neck-pain`, 400, 'condition');
    await expectField({ near: AUSTIN, page: '2' }, 400, 'page');
  });

  it('should treat SQL-ish text as text and refuse 10 KB strings', async () => {
    const sql = "'; DROP TABLE therapist_search; --";
    const res = await search({ near: AUSTIN, q: sql }).expect(200);
    expect((res.body as SearchPage).items).toEqual([]);
    await expectField({ near: AUSTIN, condition: sql }, 422, 'condition');
    await expectField({ near: AUSTIN, q: 'x'.repeat(10240) }, 400, 'q');
    await expectField({ near: AUSTIN, condition: 'x'.repeat(10240) }, 400, 'condition');
    await search({ near: AUSTIN }).expect(200);
  });

  it('should refuse places, condition texts and specialties it cannot resolve with 422', async () => {
    await expectField({ postalCode: '00000' }, 422, 'postalCode');
    await expectField({ city: 'Atlantis', region: 'TX' }, 422, 'city');
    await expectField({ near: AUSTIN, condition: 'qwzxv' }, 422, 'condition');
    await expectField({ near: AUSTIN, specialty: 'no-such-specialty' }, 422, 'specialty');
  });

  it('should reject a tampered cursor and one from another search', async () => {
    const first = (await search({ near: AUSTIN, limit: 1 }).expect(200)).body as SearchPage;
    expect(first.nextCursor).toBeTruthy();
    const [payload, mac] = first.nextCursor!.split('.');
    const forged = Buffer.from(JSON.stringify([0, '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    await expectField({ near: AUSTIN, limit: 1, cursor: `${forged}.${mac}` }, 400, 'cursor');
    await expectField({ near: AUSTIN, limit: 1, cursor: `${payload}.${mac.slice(1)}A` }, 400, 'cursor');
    await expectField({ near: AUSTIN, limit: 1, cursor: 'garbage' }, 400, 'cursor');
    await expectField({ near: AUSTIN, limit: 1, radiusKm: 30, cursor: first.nextCursor }, 400, 'cursor');
    await expectField({ near: AUSTIN, limit: 1, sort: 'rating', cursor: first.nextCursor }, 400, 'cursor');
    await search({ near: AUSTIN, limit: 5, cursor: first.nextCursor }).expect(200);
  });

  it('should bind a cursor to every criterion of its search but the page size', async () => {
    const base = { near: AUSTIN, limit: 1, verifiedOnly: false };
    const { nextCursor } = (await search(base).expect(200)).body as SearchPage;
    expect(nextCursor).toBeTruthy();
    const changed: Record<string, string | number | boolean>[] = [
      { near: '30.2712,-97.7437' },
      { radiusKm: 26 },
      { condition: 'fibromyalgia' },
      { specialty: 'trigger-point-therapy' },
      { language: 'es' },
      { acceptingNewClients: true },
      { sessionLength: 60 },
      { minRating: 1 },
      { q: 'maria' },
      { verifiedOnly: true },
      { sort: 'rating' },
    ];
    for (const change of changed) {
      await expectField({ ...base, ...change, cursor: nextCursor }, 400, 'cursor');
    }
    await search({ ...base, limit: 3, cursor: nextCursor }).expect(200);
  });

  it('should return the item shape, only published and verified-today profiles, nearest first', async () => {
    const body = (await search({ near: AUSTIN }).expect(200)).body as SearchPage;
    expect(idsOf(body)).toEqual([ids.maria, ids.today, ids.john]);
    expect(body.total).toBe(3);
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toEqual({
      id: ids.maria,
      displayName: 'Maria Garcia, LMT',
      distanceKm: 0,
      city: 'Austin',
      region: 'TX',
      specialties: ['trigger-point-therapy'],
      conditions: ['fibromyalgia', 'low-back-pain'],
      rating: { average: 4.5, count: 4 },
      verified: true,
      credentials: [{ associationSlug: 'search-assoc', credentialType: 'LMT', status: 'verified' }],
    });
    expect(body.query).toMatchObject({
      lat: 30.2711,
      lng: -97.7437,
      radiusKm: 25,
      verifiedOnly: true,
      sort: 'distance',
      condition: null,
    });
  });

  it('should exclude a certification that expired yesterday though its status still says verified', async () => {
    const verified = idsOf((await search({ near: AUSTIN, condition: 'fibromyalgia' }).expect(200)).body as SearchPage);
    expect(verified).toEqual([ids.maria, ids.today]);
    const all = (await search({ near: AUSTIN, condition: 'fibromyalgia', verifiedOnly: 'false' }).expect(200))
      .body as SearchPage;
    expect(idsOf(all).sort()).toEqual([ids.maria, ids.today, ids.unverified, ids.expired].sort());
    const expired = all.items.find((i) => i.id === ids.expired)!;
    expect(expired.verified).toBe(false);
    expect(expired.credentials).toEqual([
      { associationSlug: 'search-assoc', credentialType: 'LMT', status: 'expired' },
    ]);
  });

  it('should show a credential as expired once its date passes, though the stored item was written before', async () => {
    // As if the search row had been refreshed two days ago, when the certification was still current.
    await t.db.query(
      `UPDATE therapist_search SET credentials_json = replace(credentials_json, '"expired"', '"verified"'),
              credentials_until = current_date - 1 WHERE therapist_id = $1`,
      [ids.expired],
    );
    const all = (await search({ near: AUSTIN, condition: 'fibromyalgia', verifiedOnly: 'false' }).expect(200))
      .body as SearchPage;
    expect(all.items.find((i) => i.id === ids.expired)!.credentials).toEqual([
      { associationSlug: 'search-assoc', credentialType: 'LMT', status: 'expired' },
    ]);
    const stored = await t.db.query<{ credentials_json: string }[]>(
      'SELECT credentials_json FROM therapist_search WHERE therapist_id = $1',
      [ids.expired],
    );
    expect(stored[0].credentials_json).toContain('"verified"');
  });

  it('should resolve condition free text with typos and synonyms and echo the slug', async () => {
    for (const text of ['fibromyalga', 'Fibromyalgia', 'back pain', 'lumbago']) {
      const body = (await search({ near: AUSTIN, condition: text }).expect(200)).body as SearchPage;
      expect(idsOf(body)).toContain(ids.maria);
      expect(body.query.condition).toBe(
        text.startsWith('fib') || text.startsWith('Fib') ? 'fibromyalgia' : 'low-back-pain',
      );
    }
  });

  it('should apply each filter', async () => {
    const ids_ = async (query: Record<string, unknown>) =>
      idsOf((await search({ near: AUSTIN, ...query }).expect(200)).body as SearchPage);
    expect(await ids_({ specialty: 'trigger-point-therapy' })).toEqual([ids.maria]);
    expect(await ids_({ language: 'es' })).toEqual([ids.maria]);
    expect(await ids_({ language: 'ES' })).toEqual([ids.maria]);
    expect(await ids_({ acceptingNewClients: 'false' })).toEqual([ids.john]);
    expect(await ids_({ acceptingNewClients: 'true' })).toEqual([ids.maria, ids.today]);
    expect(await ids_({ sessionLength: '90' })).toEqual([ids.maria, ids.today]);
    expect(await ids_({ minRating: '3.5' })).toEqual([ids.maria]);
    expect(await ids_({ minRating: '3' })).toEqual([ids.maria, ids.john]);
    expect(await ids_({ q: 'Garsia' })).toEqual([ids.maria]);
    expect(await ids_({ q: 'jon smith' })).toEqual([ids.john]);
    // With q and a condition, the condition is checked on the profile row (the trigram index leads).
    expect(await ids_({ q: 'Garsia', condition: 'fibromyalgia' })).toEqual([ids.maria]);
    expect(await ids_({ q: 'Garsia', condition: 'neck-pain' })).toEqual([]);
    expect(await ids_({ q: 'smith', condition: 'neck-pain', sort: 'relevance' })).toEqual([ids.john]);
    expect(await ids_({ radiusKm: '1' })).toEqual([ids.maria, ids.today]);
    expect(await ids_({ radiusKm: '300' })).toContain(ids.dallas);
    expect(await ids_({ sort: 'rating' })).toEqual([ids.maria, ids.john, ids.today]);
    expect(await ids_({ sort: 'relevance', q: 'smith' })).toEqual([ids.john]);
  });

  it('should find by postal code and by city', async () => {
    const byZip = (await search({ postalCode: '78701' }).expect(200)).body as SearchPage;
    expect(idsOf(byZip)).toContain(ids.maria);
    const byCity = (await search({ city: 'Austin', region: 'TX', radiusKm: 50 }).expect(200)).body as SearchPage;
    expect(idsOf(byCity)).toContain(ids.maria);
    expect(byCity.query).toMatchObject({ radiusKm: 50 });
  });
});

describe('GET /search/therapists: therapists at exactly the same distance', () => {
  let t: TestApp;
  const DENVER = { lat: 39.7392, lng: -104.9903 };
  // The same first 13 hex digits: the same id coordinate, so the very same point and distance for all six.
  const ids = [1, 2, 3, 4, 5, 6].map((n) => `aaaaaaaa-aaaa-4aaa-8aaa-00000000000${n}`);
  // Ids made in sequence: their id coordinates differ too little to move the distance, so these tie as well.
  const sequential = Array.from({ length: 9 }, (_, n) => `002a2000-00${String(n + 10)}-4000-8000-000000000000`);
  const NEAR = { lat: 39.8, lng: -104.98 };
  const ORIGIN = '39.8,-104.984';
  const nearer: string[] = [];
  const farther: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
    for (const id of [...ids].reverse()) {
      await seedTherapist(t, { id, ...DENVER, city: 'Denver', region: 'CO', conditionSlugs: ['neck-pain'] });
    }
    for (const id of [...sequential].reverse()) {
      await seedTherapist(t, { id, ...NEAR, city: 'Denver', region: 'CO', conditionSlugs: ['sciatica'] });
    }
    for (const [list, lng] of [
      [nearer, -104.9835],
      [nearer, -104.9825],
      [farther, -104.975],
      [farther, -104.97],
    ] as const) {
      list.push((await seedTherapist(t, { lat: NEAR.lat, lng, conditionSlugs: ['sciatica'] })).id);
    }
  });

  afterAll(() => t.close());

  async function walk(query: Record<string, string | number>, limit: number, total: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await t.http
          .get(SEARCH_PATH)
          .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
          .expect(200)
      ).body as SearchPage;
      expect(page.total).toBe(total);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  it('should page through a tie by id, each therapist exactly once, whatever the page size', async () => {
    for (const limit of [1, 2, 4]) {
      expect(await walk({ near: `${DENVER.lat},${DENVER.lng}`, condition: 'neck-pain' }, limit, 6)).toEqual(ids);
    }
  });

  it('should order a tie of ids made in sequence by id, between nearer and farther therapists, with or without a condition', async () => {
    const expected = [...nearer, ...sequential, ...farther];
    for (const limit of [1, 3, 4, 20]) {
      expect(await walk({ near: ORIGIN, condition: 'sciatica' }, limit, expected.length)).toEqual(expected);
      expect(await walk({ near: ORIGIN, radiusKm: 2 }, limit, expected.length)).toEqual(expected);
    }
  });
});
