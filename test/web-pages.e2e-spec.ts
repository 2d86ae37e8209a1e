import { createTestApp, TestApp } from './support/app';
import { SEARCH_PATH, seedTherapist, SearchPage } from './support/search';
import { fieldError, jsonLd, nextHref, resultIds, reviewWithReply, verifiedTherapist } from './support/web';

const FORM_FIELDS = [
  'postalCode',
  'city',
  'region',
  'condition',
  'radiusKm',
  'specialty',
  'sessionLength',
  'language',
  'acceptingNewClients',
  'verifiedOnly',
  'sort',
];

function expectStrictPolicy(csp: string | undefined): void {
  expect(csp).toBeDefined();
  const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(csp!)?.[1] ?? /default-src ([^;]*)/.exec(csp!)![1];
  expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
}

function expectPageBasics(html: string): void {
  expect(html).toMatch(/^<!doctype html><html lang="en">/);
  expect(html).toMatch(/<title>[^<]+<\/title>/);
  expect(html).toMatch(/<meta name="description" content="[^"]+"/);
  expect(html).toMatch(/<link rel="canonical" href="http[^"]+"/);
  // No inline script: only external files and the JSON-LD data block.
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  for (const attributes of scripts) {
    expect(attributes).toMatch(/ src="\/assets\/|type="application\/ld\+json"/);
  }
}

describe('web pages (server-rendered)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('home and search', () => {
    beforeAll(async () => {
      // 25 verified therapists around Austin: more than one page of 20.
      for (let i = 0; i < 25; i++) {
        await seedTherapist(t, {
          displayName: `Austin Therapist ${String(i).padStart(2, '0')}`,
          lat: 30.2711 + i * 0.002,
          lng: -97.7437,
          conditionSlugs: ['low-back-pain'],
        });
      }
      await seedTherapist(t, {
        displayName: 'Unverified Therapist',
        verification: 'none',
        conditionSlugs: ['low-back-pain'],
      });
    });

    it('should serve the home page with a labelled search form carrying the API parameter names', async () => {
      const res = await t.http.get('/').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expectStrictPolicy(res.headers['content-security-policy']);
      expectPageBasics(res.text);
      expect(res.text).toContain('<form role="search" method="get" action="/search"');
      for (const field of FORM_FIELDS) {
        expect(res.text).toContain(`name="${field}"`);
        expect(res.text).toMatch(new RegExp(`<label[^>]* for="${field}"`));
      }
      expect(res.text).toMatch(/checked their certification against the issuing association’s own records/);
    });

    it('should list the same items in the same order as the API, and page with rel="next"', async () => {
      const params = 'postalCode=78701&condition=back+pain';
      const api = (await t.http.get(`${SEARCH_PATH}?${params}`).expect(200)).body as SearchPage;
      const page = await t.http.get(`/search?${params}`).expect(200);
      expectPageBasics(page.text);
      expect(resultIds(page.text)).toEqual(api.items.map((i) => i.id));
      expect(api.items).toHaveLength(20);
      expect(page.text).toContain('Verified today');
      expect(page.text).not.toContain('Unverified Therapist');

      const next = nextHref(page.text);
      expect(next).toContain(`cursor=${encodeURIComponent(api.nextCursor!)}`);
      const apiNext = (await t.http.get(`${SEARCH_PATH}?${params}&cursor=${encodeURIComponent(api.nextCursor!)}`))
        .body as SearchPage;
      const second = await t.http.get(next!).expect(200);
      expect(resultIds(second.text)).toEqual(apiNext.items.map((i) => i.id));
      expect(apiNext.items).toHaveLength(5);
      expect(nextHref(second.text)).toBeNull();
    });

    it('should leave empty form fields out, as a browser sends them all', async () => {
      const page = await t.http
        .get(
          '/search?postalCode=78701&city=&region=&condition=&radiusKm=25&specialty=&sessionLength=&language=&verifiedOnly=false&sort=distance',
        )
        .expect(200);
      expect(page.text).toContain('Unverified Therapist');
    });

    it.each([
      ['radiusKm=1000', 'postalCode=78701&radiusKm=1000', 400, 'radiusKm', /Distance must be at most 500/],
      ['an unknown postal code', 'postalCode=00000', 422, 'postalCode', /Unknown postal code "00000"/],
      ['no place', 'condition=back+pain', 400, 'near', /Enter a ZIP code, or a city and its state/],
      ['a condition nothing matches', 'postalCode=78701&condition=zzzzqqqq', 422, 'condition', /No condition matches/],
      [
        'a sessionLength that is no number',
        'postalCode=78701&sessionLength=long',
        400,
        'sessionLength',
        /Session length must be a whole number/,
      ],
    ])(
      'should answer %s with the API status and the message beside the field',
      async (_case, query, status, field, message) => {
        const api = await t.http.get(`${SEARCH_PATH}?${query}`);
        expect(api.status).toBe(status);
        expect((api.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
        const page = await t.http.get(`/search?${query}`);
        expect(page.status).toBe(status);
        expectStrictPolicy(page.headers['content-security-policy']);
        expect(page.text).toMatch(/<title>Error: /);
        expect(fieldError(page.text, field)).toMatch(message);
        expect(page.text).toContain('There is a problem');
      },
    );

    it("should show each search's own filters and messages in the form, one search after another", async () => {
      const selected = (html: string, name: string) =>
        new RegExp(`<select id="${name}"[^>]*>(?:(?!</select>).)*?<option value(?:="([^"]*)")? selected>`, 's').exec(
          html,
        )?.[1] ?? '';
      const searches: [string, Record<string, string | undefined>, string | null][] = [
        ['radiusKm=10&sort=rating', { radiusKm: '10', sort: 'rating', sessionLength: '' }, null],
        ['radiusKm=50', { radiusKm: '50', sort: 'distance', sessionLength: '' }, null],
        ['sessionLength=long', { radiusKm: '25', sort: 'distance', sessionLength: 'long' }, 'sessionLength'],
        ['sessionLength=60', { radiusKm: '25', sort: 'distance', sessionLength: '60' }, null],
        ['', { radiusKm: '25', sort: 'distance', sessionLength: '' }, null],
      ];
      for (const [filters, expected, invalid] of searches) {
        const page = await t.http.get(`/search?postalCode=78701&${filters}`);
        for (const [name, value] of Object.entries(expected)) {
          expect([filters, name, selected(page.text, name)]).toEqual([filters, name, value]);
        }
        expect([filters, fieldError(page.text, 'sessionLength') !== null]).toEqual([filters, invalid !== null]);
        expect([filters, /<details class="more" open/.test(page.text)]).toEqual([filters, filters !== '']);
      }
    });

    it('should refuse an unknown parameter with a 400 page naming it', async () => {
      const page = await t.http.get('/search?postalCode=78701&colour=red').expect(400);
      expect(page.text).toContain('colour is not a known parameter');
    });

    it('should send an ETag and answer 304 when it still matches', async () => {
      const first = await t.http.get('/search?postalCode=78701').expect(200);
      expect(first.headers.etag).toBeDefined();
      await t.http.get('/search?postalCode=78701').set('If-None-Match', first.headers.etag).expect(304);
    });
  });

  describe('profile', () => {
    it('should show the verification record, reviews with the verified-client mark and reply, and JSON-LD', async () => {
      const v = await verifiedTherapist(t, { associationName: 'Florida NMT Association' });
      await reviewWithReply(t, v, {
        body: 'Two sessions of trigger point work and my neck finally turns without pain. Clear explanations.',
        reply: 'Thank you for the kind words. Keep up the stretches between sessions!',
      });
      const res = await t.http.get(`/therapists/${v.profileId}`).expect(200);
      expectStrictPolicy(res.headers['content-security-policy']);
      expectPageBasics(res.text);
      expect(res.text).toContain('<h1>Maria Garcia, LMT</h1>');
      const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date());
      expect(res.text).toContain(`Verified against Florida NMT Association’s records on ${today}`);
      expect(res.text).toContain('Verified client');
      expect(res.text).toContain('Reply from Maria Garcia, LMT');
      expect(res.text).toContain('Keep up the stretches between sessions!');
      expect(res.text).toMatch(/<a href="https:\/\/eastside\.example\/" rel="nofollow ugc noopener"/);

      const graph = jsonLd(res.text)['@graph'];
      const person = graph.find((n) => n['@type'] === 'Person')!;
      expect(person).toMatchObject({ name: 'Maria Garcia, LMT', jobTitle: 'Neuromuscular massage therapist' });
      expect(person.hasCredential).toEqual([
        expect.objectContaining({
          '@type': 'EducationalOccupationalCredential',
          identifier: v.credentialNumber,
          recognizedBy: expect.objectContaining({ '@type': 'Organization', name: 'Florida NMT Association' }),
        }),
      ]);
      const practice = graph.find((n) => n['@type'] === 'HealthAndBeautyBusiness')!;
      expect(practice).toMatchObject({
        name: 'Eastside Bodywork',
        address: expect.objectContaining({ addressLocality: 'Austin', addressRegion: 'TX', postalCode: '78701' }),
        aggregateRating: expect.objectContaining({ ratingValue: 5, reviewCount: 1 }),
      });
    });

    it('should answer the 404 page for unknown, unpublished and malformed ids', async () => {
      const hidden = await seedTherapist(t, { published: false });
      for (const id of ['00000000-0000-4000-8000-000000000000', hidden.id, 'not-a-uuid', '%3Cscript%3E']) {
        const res = await t.http.get(`/therapists/${id}`).expect(404);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expectStrictPolicy(res.headers['content-security-policy']);
        expect(res.text).toContain('We can’t find that page');
      }
    });
  });

  describe('hostile input', () => {
    const SCRIPT = '<script>alert("x")</script>';
    const IMG = '"><img src=x onerror=alert(1)>';

    it('should show hostile names, bios, reviews and websites as text only', async () => {
      const v = await verifiedTherapist(t, {
        profile: {
          displayName: `Eve ${SCRIPT}`,
          bio: `About me ${IMG}`,
          practice: { ...practice(), name: `</script>${IMG}` },
        },
      });
      // The API refuses a javascript: website; one stored before that rule (or by a bulk load) must not become a link.
      await t.http
        .patch('/api/v1/therapists/me')
        .set(v.user.auth)
        .send({ contact: { website: 'javascript:alert(1)' }, version: 1 })
        .expect(400);
      await t.db.query(`UPDATE therapist_profile SET contact_website = 'javascript:alert(1)' WHERE id = $1`, [
        v.profileId,
      ]);
      await reviewWithReply(t, v, {
        body: `Great work on my back. ${SCRIPT} ${IMG} and more words`,
        reply: `Thanks ${IMG}`,
      });

      const res = await t.http.get(`/therapists/${v.profileId}`).expect(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).not.toMatch(/href="javascript:/i);
      expect(res.text).toContain('Eve &lt;script>alert(&quot;x&quot;)&lt;/script>');
      expect(res.text).toContain('Website: javascript:alert(1)');
      // The JSON-LD block holds the name as data and cannot be closed by it.
      expect(res.text.match(/<\/script>/g)).toHaveLength(2);
      expect(jsonLd(res.text)['@graph'][0].name).toBe(`Eve ${SCRIPT}`);

      const results = await t.http.get('/search?postalCode=78701&radiusKm=5').expect(200);
      expect(results.text).not.toContain('<script>alert');
      expect(results.text).toContain('Eve &lt;script>');
    });

    it('should echo hostile query values back into the form as text', async () => {
      const res = await t.http.get(
        `/search?postalCode=${encodeURIComponent(IMG)}&condition=${encodeURIComponent(SCRIPT)}`,
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).not.toContain('<script>alert');
    });
  });

  describe('every page', () => {
    it('should carry the strict policy, a title, a description and a canonical link', async () => {
      const v = await seedTherapist(t);
      for (const path of ['/', '/search?postalCode=78701', `/therapists/${v.id}`, '/verify', '/no-such-page']) {
        const res = await t.http.get(path);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expectStrictPolicy(res.headers['content-security-policy']);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expectPageBasics(res.text);
      }
    });

    it('should answer unknown pages with the 404 page and unknown API paths with the API problem', async () => {
      const page = await t.http.get('/no-such-page').expect(404);
      expect(page.text).toContain('We can’t find that page');
      const api = await t.http.get('/api/v1/no-such-route').expect(404);
      expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });
});

function practice() {
  return {
    name: 'Eastside Bodywork',
    addressLine: '100 Congress Ave',
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: 'US',
  };
}
