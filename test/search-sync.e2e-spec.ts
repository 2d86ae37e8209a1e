import { createTestApp, TestApp } from './support/app';
import { addCertification, asActor, SEARCH_PATH, SearchPage, seedTherapist, setRating } from './support/search';

const NEAR = '47.6062,-122.3321';
const SEATTLE = { lat: 47.6062, lng: -122.3321, city: 'Seattle', region: 'WA', postalCode: '98101' };

describe('Search stays in sync with profiles, certifications and ratings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
  });

  afterAll(() => t.close());

  const search = async (query: Record<string, unknown> = {}): Promise<SearchPage> =>
    (
      await t.http
        .get(SEARCH_PATH)
        .query({ near: NEAR, ...query })
        .expect(200)
    ).body as SearchPage;
  const ids = async (query: Record<string, unknown> = {}): Promise<string[]> =>
    (await search(query)).items.map((i) => i.id);

  it('should reflect a profile edit at once: name, location, conditions, publication', async () => {
    const { id } = await seedTherapist(t, { ...SEATTLE, displayName: 'Before Name', conditionSlugs: ['neck-pain'] });
    expect(await ids()).toContain(id);

    await t.db.query(`UPDATE therapist_profile SET display_name = 'After Name' WHERE id = $1`, [id]);
    expect((await search()).items.find((i) => i.id === id)?.displayName).toBe('After Name');

    await t.db.query('DELETE FROM therapist_condition WHERE therapist_id = $1', [id]);
    await t.db.query(`INSERT INTO therapist_condition (therapist_id, condition_slug) VALUES ($1, 'sciatica')`, [id]);
    expect(await ids({ condition: 'neck-pain' })).not.toContain(id);
    expect(await ids({ condition: 'sciatica' })).toContain(id);

    await t.db.query('UPDATE therapist_profile SET lat = 45.5152, lng = -122.6784 WHERE id = $1', [id]);
    expect(await ids()).not.toContain(id);
    expect(await ids({ condition: 'sciatica' })).not.toContain(id);
    await t.db.query('UPDATE therapist_profile SET lat = $2, lng = $3 WHERE id = $1', [id, SEATTLE.lat, SEATTLE.lng]);
    expect(await ids({ condition: 'sciatica' })).toContain(id);

    await t.db.query('UPDATE therapist_profile SET published = false WHERE id = $1', [id]);
    expect(await ids()).not.toContain(id);
    expect(await ids({ condition: 'sciatica' })).not.toContain(id);
  });

  it('should drop a deleted profile from both search tables', async () => {
    const { id } = await seedTherapist(t, {
      ...SEATTLE,
      displayName: 'To Delete',
      conditionSlugs: ['neck-pain'],
      verification: 'none',
    });
    expect(await ids({ verifiedOnly: 'false', condition: 'neck-pain' })).toContain(id);
    await t.db.query('DELETE FROM therapist_profile WHERE id = $1', [id]);
    const left = await t.db.query<{ n: number }[]>(
      'SELECT (SELECT count(*) FROM therapist_search WHERE therapist_id = $1) + (SELECT count(*) FROM therapist_search_condition WHERE therapist_id = $1) AS n',
      [id],
    );
    expect(Number(left[0].n)).toBe(0);
  });

  it('should reflect certification changes at once: rejection, withdrawal, a new verification', async () => {
    const { id } = await seedTherapist(t, { ...SEATTLE, displayName: 'Cert Holder', conditionSlugs: ['migraine'] });
    expect(await ids({ condition: 'migraine' })).toContain(id);

    await asActor(t, `UPDATE certification SET status = 'rejected', status_reason = 'test' WHERE therapist_id = $1`, [
      id,
    ]);
    expect(await ids({ condition: 'migraine' })).not.toContain(id);
    const all = await search({ condition: 'migraine', verifiedOnly: 'false' });
    expect(all.items.find((i) => i.id === id)?.credentials).toEqual([
      { associationSlug: 'search-assoc', credentialType: 'LMT', status: 'rejected' },
    ]);

    const certId = await addCertification(t, id, 'verified', null);
    expect(await ids({ condition: 'migraine' })).toContain(id);
    await asActor(t, 'UPDATE certification SET withdrawn_at = now() WHERE id = $1', [certId]);
    expect(await ids({ condition: 'migraine' })).not.toContain(id);
  });

  it('should reflect rating changes at once, in the item, the minRating filter and the rating sort', async () => {
    const { id } = await seedTherapist(t, { ...SEATTLE, displayName: 'Rated One', rating: { count: 1, sum: 2 } });
    expect(await ids({ minRating: '4' })).not.toContain(id);
    await setRating(t, id, 2, 10);
    expect(await ids({ minRating: '4' })).toContain(id);
    expect((await search({ sort: 'rating' })).items[0]).toMatchObject({ id, rating: { average: 5, count: 2 } });
  });

  it('should follow a specialty and an association being renamed', async () => {
    const { id } = await seedTherapist(t, {
      ...SEATTLE,
      displayName: 'Renamed Links',
      specialtySlugs: ['sports-massage'],
    });
    await t.db.query(`UPDATE association SET slug = 'renamed-assoc' WHERE slug = 'search-assoc'`);
    const item = (await search()).items.find((i) => i.id === id)!;
    expect(item.credentials[0].associationSlug).toBe('renamed-assoc');
    await t.db.query(`UPDATE specialty SET slug = 'sport-massage' WHERE slug = 'sports-massage'`);
    expect((await search()).items.find((i) => i.id === id)!.specialties).toEqual(['sport-massage']);
    expect(await ids({ specialty: 'sport-massage' })).toContain(id);
  });

  it('should search a condition added after start-up (its partition is created with it)', async () => {
    await t.db.query(
      `INSERT INTO condition (slug, name, synonyms) VALUES ('search-new-condition', 'Brand new condition', '{}')`,
    );
    const { id } = await seedTherapist(t, {
      ...SEATTLE,
      displayName: 'New Condition',
      conditionSlugs: ['search-new-condition'],
    });
    const body = await search({ condition: 'search-new-condition' });
    expect(body.items.map((i) => i.id)).toEqual([id]);
  });

  it('should rebuild every row with refresh_therapist_search()', async () => {
    const { id } = await seedTherapist(t, { ...SEATTLE, displayName: 'Rebuilt', conditionSlugs: ['tmj-disorder'] });
    await t.db.query('DELETE FROM therapist_search_condition');
    await t.db.query('DELETE FROM therapist_search');
    expect(await ids()).toEqual([]);
    await t.db.query('SELECT refresh_therapist_search()');
    expect(await ids({ condition: 'tmj-disorder' })).toContain(id);
    await t.db.query('DELETE FROM therapist_search WHERE therapist_id = $1', [id]);
    await t.db.query('SELECT refresh_therapist_search($1::uuid[])', [[id]]);
    expect(await ids({ condition: 'tmj-disorder' })).toContain(id);
  });

  it('should write the rows of a full rebuild area by area, neighbours next to each other', async () => {
    // Two therapists 400 m apart in Seattle, and one in Quebec on a latitude between theirs: by latitude alone, the
    // Quebec row would lie between the Seattle ones; by area, the Seattle rows are next to each other.
    const seattle = await seedTherapist(t, { ...SEATTLE, displayName: 'Layout A', conditionSlugs: ['tmj-disorder'] });
    const quebec = await seedTherapist(t, {
      ...SEATTLE,
      lat: 47.608,
      lng: -71.0,
      displayName: 'Layout Q',
      conditionSlugs: ['tmj-disorder'],
    });
    const nearby = await seedTherapist(t, {
      ...SEATTLE,
      lat: 47.61,
      lng: -122.33,
      displayName: 'Layout B',
      conditionSlugs: ['tmj-disorder'],
    });
    await t.db.query('SELECT refresh_therapist_search()');
    const physicalOrder = async (table: string): Promise<string[]> =>
      (
        await t.db.query<{ id: string }[]>(
          `SELECT therapist_id AS id FROM ${table} WHERE therapist_id = ANY($1) ORDER BY ctid`,
          [[seattle.id, quebec.id, nearby.id]],
        )
      ).map((r) => r.id);
    for (const table of ['therapist_search', 'therapist_search_condition']) {
      const order = await physicalOrder(table);
      expect(order).toHaveLength(3);
      expect([order[0], order[2]]).toContain(quebec.id);
    }
  });
});

describe('Search HTTP caching', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '7' });
    await seedTherapist(t, { ...SEATTLE, displayName: 'Cached One' });
  });

  afterAll(() => t.close());

  it('should send an ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const first = await t.http.get(SEARCH_PATH).query({ near: NEAR }).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=7');
    expect(first.headers['content-type']).toMatch(/application\/json/);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.http.get(SEARCH_PATH).query({ near: NEAR }).set('If-None-Match', etag).expect(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.text ?? '').toBe('');
    await t.http.get(SEARCH_PATH).query({ near: NEAR }).set('If-None-Match', `W/${etag}`).expect(304);
    await t.http.get(SEARCH_PATH).query({ near: NEAR }).set('If-None-Match', '"other"').expect(200);
    const other = await t.http.get(SEARCH_PATH).query({ near: NEAR, radiusKm: 30 }).expect(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it('should serve an identical query from the in-process cache within max-age', async () => {
    const first = await t.http.get(SEARCH_PATH).query({ near: NEAR, limit: 3 }).expect(200);
    await t.db.query(`UPDATE therapist_profile SET display_name = 'Changed Meanwhile'`);
    const second = await t.http.get(SEARCH_PATH).query({ near: NEAR, limit: 3 }).expect(200);
    expect(second.text).toBe(first.text);
    const fresh = await t.http.get(SEARCH_PATH).query({ near: NEAR, limit: 4 }).expect(200);
    expect((fresh.body as SearchPage).items[0].displayName).toBe('Changed Meanwhile');
  });

  it('should not cache refusals: a search refused for an unknown specialty is answered once the specialty exists', async () => {
    const query = { near: NEAR, specialty: 'lymphatic-drainage-test' };
    const refused = await t.http.get(SEARCH_PATH).query(query).expect(422);
    expect(refused.headers.etag).toBeUndefined();
    await t.db.query(
      `INSERT INTO specialty (slug, name, description) VALUES ('lymphatic-drainage-test', 'Lymphatic drainage', '')`,
    );
    const answered = await t.http.get(SEARCH_PATH).query(query).expect(200);
    expect((answered.body as SearchPage).items).toEqual([]);
    expect(answered.headers.etag).toBeDefined();
  });
});
