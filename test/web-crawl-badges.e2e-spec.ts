import { gzipSync } from 'node:zlib';
import { createTestApp, TestApp } from './support/app';
import { platformAdmin } from './support/reviews';
import { seedTherapist } from './support/search';
import { fieldError, revokeOnRoster, verifiedTherapist } from './support/web';

describe('web: crawling, badges, embeds and the credential lookup page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://directory.example' });
  });
  afterAll(() => t.close());

  describe('robots and sitemap', () => {
    it('should point crawlers at the sitemap and keep them off the API and the embeds', async () => {
      const res = await t.http.get('/robots.txt').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.text).toContain('Sitemap: https://directory.example/sitemap.xml');
      expect(res.text).toMatch(/^Disallow: \/embed\/$/m);
      expect(res.text).toMatch(/^Disallow: \/api\/$/m);
    });

    it('should list published profiles and leave unpublished ones out', async () => {
      const shown = await seedTherapist(t);
      const hidden = await seedTherapist(t, { published: false });
      const res = await t.http.get('/sitemap.xml').expect(200);
      expect(res.headers['content-type']).toMatch(/application\/xml/);
      expect(res.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      expect(res.text).toContain(`<loc>https://directory.example/therapists/${shown.id}</loc>`);
      expect(res.text).not.toContain(hidden.id);
    });

    it('should become a sitemap index past 50,000 URLs, each file within the limit and every profile once', async () => {
      // Plain rows, without the search-maintenance triggers (the sitemap reads profiles only): seconds, not a minute.
      await t.db.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(`
        WITH users AS (
          INSERT INTO app_user (email, password_hash, name, role)
          SELECT 'bulk-' || g || '@example.test', 'x', 'Bulk Therapist', 'therapist' FROM generate_series(1, 50001) g
          RETURNING id)
        INSERT INTO therapist_profile (user_id, first_name, last_name, display_name, city, region, postal_code, country,
          lat, lng, location_source, languages, session_lengths, accepting_new_clients, published)
        SELECT id, 'Bulk', 'Therapist', 'Bulk Therapist', 'Austin', 'TX', '78701', 'US', 30.27, -97.74, 'explicit',
          '{en}', '{60}', true, true FROM users`);
      });
      const [{ n }] = await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM therapist_profile WHERE published');
      const index = await t.http.get('/sitemap.xml').expect(200);
      expect(index.text).toContain('<sitemapindex');
      const files = [...index.text.matchAll(/<loc>https:\/\/directory\.example(\/sitemaps\/[^<]+)<\/loc>/g)].map(
        (m) => m[1],
      );
      expect(files).toEqual(['/sitemaps/therapists-1.xml', '/sitemaps/therapists-2.xml']);
      const urls: string[] = [];
      for (const file of files) {
        const body = (await t.http.get(file).expect(200)).text;
        const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
        expect(locs.length).toBeLessThanOrEqual(50_000);
        urls.push(...locs.filter((l) => l.includes('/therapists/')));
      }
      expect(new Set(urls).size).toBe(Number(n));
      expect(urls).toHaveLength(Number(n));
      await t.http.get('/sitemaps/therapists-3.xml').expect(404);
    });
  });

  describe('badge', () => {
    it('should draw Verified, then Not verified once the roster revokes the credential', async () => {
      const v = await verifiedTherapist(t, { associationName: 'Texas NMT Board' });
      const svg = await t.http.get(`/badges/${v.profileId}.svg`).expect(200);
      expect(svg.headers['content-type']).toBe('image/svg+xml');
      expect(svg.body.toString()).toContain('✓ Verified');
      expect(svg.body.toString()).toContain('Texas NMT Board');
      const maxAge = Number(/max-age=(\d+)/.exec(svg.headers['cache-control'])![1]);
      expect(maxAge).toBeLessThanOrEqual(300);
      expect(svg.headers.etag).toBeDefined();
      expect(svg.headers['access-control-allow-origin']).toBe('*');
      expect(svg.headers['cross-origin-resource-policy']).toBe('cross-origin');
      await t.http.get(`/badges/${v.profileId}.svg`).set('If-None-Match', svg.headers.etag).expect(304);

      const data = await t.http.get(`/badges/${v.profileId}.json`).expect(200);
      expect(data.body).toMatchObject({
        therapistId: v.profileId,
        verified: true,
        profilePath: `/therapists/${v.profileId}`,
      });
      expect(data.body.verifiedBy).toEqual([expect.objectContaining({ name: 'Texas NMT Board' })]);

      await revokeOnRoster(t, v);
      const after = await t.http.get(`/badges/${v.profileId}.svg`).set('If-None-Match', svg.headers.etag).expect(200);
      expect(after.body.toString()).toContain('Not verified');
      expect((await t.http.get(`/badges/${v.profileId}.json`).expect(200)).body.verified).toBe(false);
    });

    it('should answer 404 for unknown, unpublished and malformed therapists', async () => {
      const hidden = await seedTherapist(t, { published: false });
      for (const file of [
        `${hidden.id}.svg`,
        '00000000-0000-4000-8000-000000000000.svg',
        'nope.svg',
        `${hidden.id}.png`,
      ]) {
        await t.http.get(`/badges/${file}`).expect(404);
      }
    });
  });

  describe('embeds and assets', () => {
    it.each(['search.js', 'badge.js'])(
      'should serve %s to any origin with a short max-age and an ETag',
      async (file) => {
        const res = await t.http.get(`/embed/v1/${file}`).set('Accept-Encoding', 'gzip').buffer(true).expect(200);
        expect(res.headers['content-type']).toMatch(/text\/javascript/);
        expect(res.headers['cache-control']).toBe('public, max-age=300');
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
        expect(res.headers['content-encoding']).toBe('gzip');
        await t.http.get(`/embed/v1/${file}`).set('If-None-Match', res.headers.etag).expect(304);
      },
    );

    it('should keep the embeds within their size budgets (gzip: search 15 KB, badge 5 KB)', async () => {
      // The body as the client decodes it, compressed again as the server does (gzip -9).
      const size = async (file: string) =>
        gzipSync((await t.http.get(`/embed/v1/${file}`).responseType('blob').expect(200)).body as Buffer, { level: 9 })
          .length;
      expect(await size('search.js')).toBeLessThanOrEqual(15 * 1024);
      expect(await size('badge.js')).toBeLessThanOrEqual(5 * 1024);
    });

    it('should serve hashed page assets as immutable', async () => {
      const home = await t.http.get('/').expect(200);
      const css = /href="(\/assets\/site-[A-Z0-9]+\.css)"/.exec(home.text)![1];
      const res = await t.http.get(css).expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toMatch(/text\/css/);
      expect(res.text).toContain('--brand');
      await t.http.get('/assets/site-NOPE.css').expect(404);
    });

    it('should tell an embed why its key cannot be used from its page', async () => {
      const admin = await platformAdmin(t);
      const partner = await t.http
        .post('/api/v1/partners')
        .set(admin.auth)
        .send({ name: 'Clinic', allowedOrigins: ['https://clinic.example'] })
        .expect(201);
      const key = partner.body.apiKey as string;
      const ask = (origin: string, body: string) =>
        t.http.post('/embed/v1/access').set('Origin', origin).set('Content-Type', 'text/plain').send(body).expect(200);
      const allowed = await ask('https://clinic.example', key);
      expect(allowed.body).toMatchObject({ allowed: true, status: 200 });
      expect(allowed.headers['access-control-allow-origin']).toBe('*');
      const elsewhere = await ask('https://other.example', key);
      expect(elsewhere.body).toMatchObject({ allowed: false, status: 403, origin: 'https://other.example' });
      expect(elsewhere.body.detail).toContain('https://other.example');
      expect((await ask('https://clinic.example', 'nmtp_wrong')).body).toMatchObject({ allowed: false, status: 401 });
      expect((await ask('https://clinic.example', '')).body).toMatchObject({ allowed: false, status: 401 });
    });
  });

  describe('credential lookup page', () => {
    it('should show the form, a record, and the API statuses for no record and bad input', async () => {
      const v = await verifiedTherapist(t, { associationName: 'Ohio NMT Guild' });
      const form = await t.http.get('/verify').expect(200);
      expect(form.text).toContain('name="credentialNumber"');
      expect(form.text).toContain('<select id="association" name="association">');

      const number = v.credentialNumber.toLowerCase().replace('-', ' ');
      const found = await t.http.get(
        `/verify?association=${v.association.slug}&credentialNumber=${encodeURIComponent(number)}`,
      );
      expect(found.status).toBe(200);
      expect(found.text).toContain('What Ohio NMT Guild’s records say');
      expect(found.text).toContain(`<a href="/therapists/${v.profileId}">Maria Garcia, LMT</a>`);

      const missing = await t.http.get(`/verify?association=${v.association.slug}&credentialNumber=NOPE-1`).expect(404);
      expect(missing.text).toContain('No record found');

      const bad = await t.http.get(`/verify?association=${v.association.slug}&credentialNumber=`);
      expect(bad.status).toBe((await t.http.get(`/api/v1/verify?association=${v.association.slug}`)).status);
      expect(fieldError(bad.text, 'credentialNumber')).toContain('Enter the credential number.');
    });
  });
});
