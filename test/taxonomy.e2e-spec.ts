import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { insertProfile } from './support/profiles';
import { createAdmin, registerUser, TestUser } from './support/users';

describe('taxonomy', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t, Role.PlatformAdmin);
  });
  afterAll(() => t.close());

  describe('reference data', () => {
    it('should list at least 24 conditions at once, with the required slugs', async () => {
      const res = await t.http.get('/api/v1/conditions').expect(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.length).toBeGreaterThanOrEqual(24);
      const slugs = res.body.items.map((c: { slug: string }) => c.slug);
      for (const slug of [
        'fibromyalgia',
        'low-back-pain',
        'neck-pain',
        'tension-type-headache',
        'migraine',
        'sciatica',
        'tmj-disorder',
        'carpal-tunnel-syndrome',
        'whiplash',
        'plantar-fasciitis',
        'thoracic-outlet-syndrome',
        'piriformis-syndrome',
        'myofascial-pain',
        'chronic-pain',
        'sports-strain',
        'postural-imbalance',
        'rotator-cuff-strain',
        'frozen-shoulder',
        'stress-muscle-tension',
      ]) {
        expect(slugs).toContain(slug);
      }
      expect(Object.keys(res.body.items[0]).sort()).toEqual(['icd10', 'name', 'slug', 'synonyms']);
    });

    it('should carry current, billable ICD-10-CM codes', async () => {
      const res = await t.http.get('/api/v1/conditions').expect(200);
      const icd = Object.fromEntries(res.body.items.map((c: { slug: string; icd10: string[] }) => [c.slug, c.icd10]));
      expect(icd['low-back-pain']).toEqual(expect.arrayContaining(['M54.50', 'M54.51', 'M54.59']));
      expect(icd['low-back-pain']).not.toContain('M54.5');
      expect(icd['fibromyalgia']).toEqual(['M79.7']);
      expect(icd['neck-pain']).toEqual(['M54.2']);
      expect(icd['tension-type-headache']).toEqual(expect.arrayContaining(['G44.209', 'G44.219', 'G44.229']));
      expect(icd['myofascial-pain']).toContain('M79.18');
      expect(icd['myofascial-pain']).not.toContain('M79.1');
      expect(icd['sciatica']).toEqual(expect.arrayContaining(['M54.30', 'M54.31', 'M54.32']));
      expect(icd['whiplash']).toContain('S13.4XXA');
      expect(icd['chronic-pain']).toEqual(expect.arrayContaining(['G89.29', 'G89.4']));
      for (const codes of Object.values(icd) as string[][]) {
        expect(codes.length).toBeGreaterThan(0);
      }
    });

    it('should give every condition lay synonyms, none shared between two conditions', async () => {
      const res = await t.http.get('/api/v1/conditions').expect(200);
      const seen = new Map<string, string>();
      for (const c of res.body.items as { slug: string; synonyms: string[] }[]) {
        expect(c.synonyms.length).toBeGreaterThan(0);
        for (const s of c.synonyms) {
          expect(seen.get(s)).toBeUndefined();
          seen.set(s, c.slug);
        }
      }
      expect(seen.get('lumbago')).toBe('low-back-pain');
      expect(seen.get('jaw pain')).toBe('tmj-disorder');
    });

    it('should list at least 13 specialties with one-sentence descriptions', async () => {
      const res = await t.http.get('/api/v1/specialties').expect(200);
      expect(res.body.nextCursor).toBeNull();
      const slugs = res.body.items.map((s: { slug: string }) => s.slug);
      for (const slug of [
        'trigger-point-therapy',
        'postural-analysis',
        'myofascial-release',
        'sports-massage',
        'neuromuscular-reeducation',
        'deep-tissue',
        'prenatal-massage',
        'orthopedic-massage',
        'lymphatic-drainage',
        'craniosacral-therapy',
        'stretching-pnf',
        'nmt-american-version',
        'nmt-st-john-method',
      ]) {
        expect(slugs).toContain(slug);
      }
      for (const s of res.body.items as { description: string }[]) {
        expect(s.description).toMatch(/^[A-Z].+\.$/);
      }
    });
  });

  describe('resolve_condition()', () => {
    const resolve = async (input: string | null): Promise<string | null> =>
      (await t.db.query<{ slug: string | null }[]>('SELECT resolve_condition($1) AS slug', [input]))[0].slug;

    it.each([
      ['low-back-pain', 'low-back-pain'],
      ['back pain', 'low-back-pain'],
      ['lumbago', 'low-back-pain'],
      ['LUMBÁGO ', 'low-back-pain'],
      ['Fibromyalgia', 'fibromyalgia'],
      ['fibromyalga', 'fibromyalgia'],
      ['fibro', 'fibromyalgia'],
      ['sore neck', 'neck-pain'],
      ['jaw pain', 'tmj-disorder'],
      ['migrane', 'migraine'],
      ['carpel tunnel', 'carpal-tunnel-syndrome'],
      ['plantar fascitis', 'plantar-fasciitis'],
    ])('should resolve %p to %p', async (input, slug) => {
      await expect(resolve(input)).resolves.toBe(slug);
    });

    it.each([['quantum entanglement'], [''], ['   '], [null]])('should resolve %p to null', async (input) => {
      await expect(resolve(input)).resolves.toBeNull();
    });

    it('should have a trigram index over names and synonyms', async () => {
      const rows = await t.db.query<{ indexdef: string }[]>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_condition_terms_trgm'`,
      );
      expect(rows[0].indexdef).toMatch(/gin_trgm_ops/);
    });
  });

  describe('curation', () => {
    const condition = {
      slug: 'hamstring-tightness',
      name: 'Hamstring tightness',
      icd10: ['m62.89'],
      synonyms: [' tight hamstrings '],
    };

    it('should let a platform admin create, edit and remove a condition', async () => {
      const created = await t.http.post('/api/v1/conditions').set(admin.auth).send(condition).expect(201);
      expect(created.body).toEqual({
        slug: 'hamstring-tightness',
        name: 'Hamstring tightness',
        icd10: ['M62.89'],
        synonyms: ['tight hamstrings'],
      });
      const edited = await t.http
        .patch('/api/v1/conditions/hamstring-tightness')
        .set(admin.auth)
        .send({ name: 'Tight hamstrings' })
        .expect(200);
      expect(edited.body).toMatchObject({ slug: 'hamstring-tightness', name: 'Tight hamstrings', icd10: ['M62.89'] });
      const list = await t.http.get('/api/v1/conditions').expect(200);
      expect(list.body.items).toContainEqual(edited.body);
      await t.http.delete('/api/v1/conditions/hamstring-tightness').set(admin.auth).expect(204);
      await t.http.patch('/api/v1/conditions/hamstring-tightness').set(admin.auth).send({ name: 'x' }).expect(404);
    });

    it('should let a platform admin create, edit and remove a specialty', async () => {
      const body = { slug: 'cupping', name: 'Cupping', description: 'Suction cups lift the skin and fascia.' };
      await t.http.post('/api/v1/specialties').set(admin.auth).send(body).expect(201, body);
      await t.http
        .patch('/api/v1/specialties/cupping')
        .set(admin.auth)
        .send({ description: 'Cups.' })
        .expect(200, { ...body, description: 'Cups.' });
      await t.http.delete('/api/v1/specialties/cupping').set(admin.auth).expect(204);
      await t.http.delete('/api/v1/specialties/cupping').set(admin.auth).expect(404);
    });

    it('should answer 409 on a taken slug', async () => {
      const res = await t.http
        .post('/api/v1/conditions')
        .set(admin.auth)
        .send({ slug: 'fibromyalgia', name: 'Again' })
        .expect(409);
      expect(res.body.detail).toContain('fibromyalgia');
      await t.http
        .post('/api/v1/specialties')
        .set(admin.auth)
        .send({ slug: 'deep-tissue', name: 'x', description: 'y' })
        .expect(409);
    });

    it('should refuse to change a slug or accept bad fields', async () => {
      await t.http.patch('/api/v1/conditions/migraine').set(admin.auth).send({ slug: 'headache' }).expect(400);
      await t.http.patch('/api/v1/conditions/migraine').set(admin.auth).send({ name: null }).expect(400);
      await t.http
        .patch('/api/v1/conditions/migraine')
        .set(admin.auth)
        .send({ icd10: ['not a code'] })
        .expect(400);
      await t.http
        .post('/api/v1/specialties')
        .set(admin.auth)
        .send({ slug: 'Bad Slug', name: 'x', description: 'y' })
        .expect(400);
      const res = await t.http
        .post('/api/v1/conditions')
        .set(admin.auth)
        .send({ slug: 'ok-slug', name: '  ' })
        .expect(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'name' }));
    });

    it('should refuse to remove an entry in use by a profile or a review (409)', async () => {
      const therapist = await registerUser(t, Role.Therapist);
      await insertProfile(t, therapist.id, { conditionSlugs: ['whiplash'], specialtySlugs: ['sports-massage'] });
      const res = await t.http.delete('/api/v1/conditions/whiplash').set(admin.auth).expect(409);
      expect(res.body.detail).toContain('whiplash');
      await t.http.delete('/api/v1/specialties/sports-massage').set(admin.auth).expect(409);

      const other = await registerUser(t, Role.Therapist);
      const profile = await insertProfile(t, other.id);
      const client = await registerUser(t, Role.Client);
      await t.db.query(
        `INSERT INTO review (therapist_id, author_id, rating, body, condition_slug, status) VALUES ($1, $2, 5, 'Helped my sciatica a lot.', 'sciatica', 'published')`,
        [profile.id, client.id],
      );
      await t.http.delete('/api/v1/conditions/sciatica').set(admin.auth).expect(409);
      await t.http
        .get('/api/v1/conditions')
        .expect(200)
        .expect((r) => expect(r.body.items.map((c: { slug: string }) => c.slug)).toContain('sciatica'));
    });

    it.each([
      ['anonymous', null],
      ['client', Role.Client],
      ['therapist', Role.Therapist],
      ['association admin', Role.AssociationAdmin],
    ])('should refuse curation to %s', async (_label, role) => {
      let auth: Record<string, string> = {};
      if (role === Role.AssociationAdmin) {
        const [a] = await t.db.query<{ id: string }[]>(
          `INSERT INTO association (slug, name) VALUES ('tax-${Date.now()}', 'A') RETURNING id`,
        );
        auth = (await createAdmin(t, Role.AssociationAdmin, a.id)).auth;
      } else if (role) {
        auth = (await registerUser(t, role as Role.Client | Role.Therapist)).auth;
      }
      const status = role ? 403 : 401;
      await t.http.post('/api/v1/conditions').set(auth).send({ slug: 'x-y', name: 'X' }).expect(status);
      await t.http
        .post('/api/v1/specialties')
        .set(auth)
        .send({ slug: 'x-y', name: 'X', description: 'Y.' })
        .expect(status);
      await t.http.patch('/api/v1/conditions/migraine').set(auth).send({ name: 'X' }).expect(status);
      await t.http.patch('/api/v1/specialties/deep-tissue').set(auth).send({ name: 'X' }).expect(status);
      await t.http.delete('/api/v1/conditions/migraine').set(auth).expect(status);
      await t.http.delete('/api/v1/specialties/deep-tissue').set(auth).expect(status);
    });
  });
});
