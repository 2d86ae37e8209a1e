import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from './support/app';
import {
  axeViolations,
  CHROMIUM,
  HAS_CHROMIUM,
  hostPage,
  launchChromium,
  serveSite,
  SiteServer,
  until,
} from './support/browser';
import { platformAdmin } from './support/reviews';
import { seedTherapist } from './support/search';
import { revokeOnRoster, reviewWithReply, verifiedTherapist, VerifiedTherapist } from './support/web';

if (!HAS_CHROMIUM) {
  console.warn(
    `SKIPPED: the browser tests (web journeys, axe, embeds, screenshots) need Chromium at ${CHROMIUM}; ` +
      'install it with "apt-get install -y chromium".',
  );
}
const describeInBrowser = HAS_CHROMIUM ? describe : describe.skip;

/** The README's screenshots are rewritten only when asked for; otherwise a run leaves the working tree as it was. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', 'docs', 'screenshots')
  : join(tmpdir(), 'nmt-screenshots');
const NAMES = [
  'Dana Whitfield, LMT',
  'Marcus Oyelaran, CNMT',
  'Priya Raman, LMT',
  'Sofia Delgado, NMT',
  'Ethan Brooks, LMT',
  'Hannah Kowalski, CNMT',
  'Luis Ortega, LMT',
  'Grace Chen, NMT',
  'Owen Gallagher, LMT',
  'Amara Nwosu, CNMT',
  'Tomás Rivera, LMT',
  'Keiko Tanaka, NMT',
  'Ruth Abernathy, LMT',
  'Samir Haddad, CNMT',
  'Claire Dubois, LMT',
  'Jamal Price, NMT',
  'Elena Petrova, LMT',
  'Noah Bennett, CNMT',
  'Ivy Mensah, LMT',
  'Caleb Harper, NMT',
  'Mei Lin, LMT',
  'Ben Adler, CNMT',
  'Rosa Jimenez, LMT',
];
const SPECIALTIES = [
  ['trigger-point-therapy', 'myofascial-release'],
  ['postural-analysis'],
  ['sports-massage', 'trigger-point-therapy'],
];

describeInBrowser('web in a real browser (Chromium)', () => {
  let t: TestApp;
  let app: string;
  let browser: Browser;
  let context: BrowserContext;
  let maria: VerifiedTherapist;
  let partnerKey: string;
  /** The partner's site (its origin allowed for the key) and another site trying the same key. */
  let partnerSite: SiteServer;
  let otherSite: SiteServer;
  const sites: SiteServer[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    app = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    maria = await verifiedTherapist(t, {
      associationName: 'Texas Neuromuscular Therapy Association',
      profile: {
        bio:
          'I help people whose pain keeps coming back: low back pain, tension headaches, and the neck and shoulder ' +
          'strain of long days at a desk.\n\nA first session starts with a posture assessment, then focused trigger point ' +
          'work. You leave with two or three simple stretches to keep the progress going.',
      },
    });
    await reviewWithReply(t, maria, {
      body: 'After three sessions my lower back finally lets me sleep through the night. Maria explains what she is doing and why.',
      reply: 'Thank you for taking the time to write this. Keep up the stretches between sessions!',
      clientName: 'Jordan Lee',
    });
    await reviewWithReply(t, maria, {
      body: 'Calm, careful and very knowledgeable. The headaches I had every afternoon are down to one a week.',
      reply: 'Thank you, it was a pleasure working together.',
      clientName: 'Sam Ortiz',
    });
    for (const [i, name] of NAMES.entries()) {
      await seedTherapist(t, {
        displayName: name,
        firstName: name.split(' ')[0],
        lastName: name.split(' ')[1].replace(',', ''),
        lat: 30.2745 + (i + 1) * 0.0031,
        lng: -97.7404 - ((i * 7) % 5) * 0.004,
        conditionSlugs: ['low-back-pain', 'neck-pain'],
        specialtySlugs: SPECIALTIES[i % SPECIALTIES.length],
        rating: i % 3 === 2 ? undefined : { count: 3 + i, sum: Math.round((3 + i) * (4.9 - (i % 4) * 0.2)) },
      });
    }
    // The seeded therapists' association, under a name a visitor would see.
    await t.db.query(`UPDATE association SET name = 'National NMT Certification Board' WHERE slug = 'search-assoc'`);
    partnerSite = await serveSite();
    otherSite = await serveSite();
    sites.push(partnerSite, otherSite);
    // The platform admin creates the partner through the API, allowing the partner site's origin only.
    const admin = await platformAdmin(t);
    const partner = await t.http
      .post('/api/v1/partners')
      .set(admin.auth)
      .send({ name: 'Riverside Clinic', allowedOrigins: [partnerSite.origin] })
      .expect(201);
    partnerKey = partner.body.apiKey as string;
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(() => context.close());

  afterAll(async () => {
    await Promise.all(sites.map((s) => s.close()));
    await browser?.close();
    await t?.close();
  });

  /** A page that fails the test on any script error or policy violation. */
  async function open(url: string, into = context): Promise<Page> {
    const page = await into.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    (page as Page & { problems: string[] }).problems = problems;
    await page.goto(url);
    return page;
  }
  const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

  it('should let a client search by postal code and condition, page, open a profile and read its record', async () => {
    const page = await open(`${app}/`);
    await page.getByLabel('ZIP code').fill('78701');
    await page.getByLabel('What do you need help with?').fill('back pain');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?/);
    // Empty fields and defaults are left out of the address.
    expect(new URL(page.url()).search).toBe('?postalCode=78701&condition=back+pain');
    await expect(page.locator('article').count()).resolves.toBe(20);
    await expect(page.locator('h1').textContent()).resolves.toBe('Therapists near 78701');
    // The home page writes the condition suggestions into the page; here the script fetches them on first use.
    await page.focus('#condition');
    const suggestions = () => page.locator('#condition-terms option').count();
    await expect(until(suggestions, (n) => n > 20)).resolves.toBeGreaterThan(20);

    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/cursor=/);
    await expect(page.locator('article').count()).resolves.toBe(NAMES.length + 1 - 20);
    await page.goBack();

    await page.getByRole('link', { name: 'Maria Garcia, LMT' }).click();
    await page.waitForURL(`${app}/therapists/${maria.profileId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Maria Garcia, LMT');
    await expect(
      page.getByText('Verified against Texas Neuromuscular Therapy Association’s records on').count(),
    ).resolves.toBe(1);
    await expect(page.getByText('Verified client', { exact: true }).count()).resolves.toBe(2);
    await expect(page.getByText('Reply from Maria Garcia, LMT').count()).resolves.toBe(2);
    expect(problemsOf(page)).toEqual([]);
  });

  it('should work with the keyboard alone: form, error summary, results and profile', async () => {
    const page = await open(`${app}/`);
    const focusOn = async (selector: string) => {
      for (let i = 0; i < 30; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
          return;
        }
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    // Submitting with no place: the error summary takes focus and its link leads to the field.
    await focusOn('button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search/);
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('error-summary');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Enter a ZIP code, or a city and its state.',
    );
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('postalCode');
    await page.keyboard.type('78701');
    await focusOn('#condition');
    await page.keyboard.type('lower back pain');
    await page.keyboard.press('Enter');
    await page.waitForURL(/postalCode=78701/);
    await focusOn('article a');
    // The focused link is visibly marked.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    const name = await page.evaluate(() => document.activeElement!.textContent);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/therapists\//);
    await expect(page.locator('h1').textContent()).resolves.toBe(name);
  });

  it('should search with JavaScript turned off', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await open(`${app}/`, noScript);
      await page.getByLabel('ZIP code').fill('78701');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/search\?/);
      await expect(page.locator('article').count()).resolves.toBe(20);
      await page.locator('a[rel="next"]').click();
      await expect(page.locator('article').count()).resolves.toBe(NAMES.length + 1 - 20);
    } finally {
      await noScript.close();
    }
  });

  it('should pass axe (WCAG 2.2 AA) on every page, with no script errors or policy violations', async () => {
    for (const path of [
      '/',
      '/search?postalCode=78701&condition=back+pain',
      '/search?postalCode=00000',
      `/therapists/${maria.profileId}`,
      '/verify',
      `/verify?association=${maria.association.slug}&credentialNumber=${maria.credentialNumber}`,
      '/no-such-page',
    ]) {
      const page = await open(`${app}${path}`);
      expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      expect({ path, problems: problemsOf(page).filter((p) => !/status of 4\d\d/.test(p)) }).toEqual({
        path,
        problems: [],
      });
      await page.close();
    }
  });

  it('should embed the search on a partner site of another origin, with results linking to profiles', async () => {
    partnerSite.pages['/'] = {
      html: hostPage(
        'Riverside Clinic: find a therapist',
        `<nmt-therapist-search api-key="${partnerKey}" postal-code="78701" condition="back pain" limit="5"></nmt-therapist-search>`,
        `${app}/embed/v1/search.js`,
      ),
      csp: strictPolicy(app),
    };
    await context.addInitScript(() => {
      const w = window as unknown as { events: { type: string; detail: unknown }[] };
      w.events = [];
      for (const type of ['nmt-results', 'nmt-error']) {
        document.addEventListener(type, (e) => w.events.push({ type, detail: (e as CustomEvent).detail }));
      }
    });
    const page = await open(`${partnerSite.origin}/`);
    const links = page.locator('nmt-therapist-search a[part="link"]');
    await links.first().waitFor();
    await expect(links.count()).resolves.toBe(5);
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      expect(href).toMatch(new RegExp(`^${app}/therapists/[0-9a-f-]{36}$`));
    }
    const events = await page.evaluate(
      () => (window as unknown as { events: { type: string; detail: unknown }[] }).events,
    );
    expect(events).toEqual([{ type: 'nmt-results', detail: { total: NAMES.length + 1, items: expect.any(Array) } }]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problemsOf(page)).toEqual([]);

    // Changing an attribute reloads; the embed's own form does the same.
    await page.locator('nmt-therapist-search').evaluate((el) => el.setAttribute('limit', '2'));
    await expect(
      until(
        () => links.count(),
        (n) => n === 2,
      ),
    ).resolves.toBe(2);

    const first = await links.first().textContent();
    await links.first().click();
    await page.waitForURL(new RegExp(`^${app}/therapists/`));
    await expect(page.locator('h1').textContent()).resolves.toBe(first);
  });

  it('should tell a site whose origin the key does not allow, in words and with nmt-error', async () => {
    otherSite.pages['/'] = {
      html: hostPage(
        'Another site',
        `<nmt-therapist-search api-key="${partnerKey}" postal-code="78701" hide-form></nmt-therapist-search>`,
        `${app}/embed/v1/search.js`,
      ),
      csp: strictPolicy(app),
    };
    await context.addInitScript(() => {
      document.addEventListener(
        'nmt-error',
        (e) => ((window as unknown as { failed: unknown }).failed = (e as CustomEvent).detail),
      );
    });
    const page = await open(`${otherSite.origin}/`);
    const message = page.locator('nmt-therapist-search [part~="status"]');
    const expected = `This website (${otherSite.origin}) is not on the list of sites allowed to use this partner key.`;
    await expect(
      until(
        () => message.textContent(),
        (text) => text?.includes(expected) ?? false,
      ),
    ).resolves.toContain(expected);
    await expect(page.evaluate(() => (window as unknown as { failed: unknown }).failed)).resolves.toEqual({
      status: 403,
      title: 'Site not allowed',
    });
    await expect(page.locator('nmt-therapist-search a[part="link"]').count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('should show the badge as verified, then not verified after the roster revokes the credential', async () => {
    // A therapist of its own: the revocation below must not change what the other tests see.
    const therapist = await verifiedTherapist(t, { associationName: 'Gulf Coast NMT Registry' });
    const html = hostPage(
      'Maria Garcia, neuromuscular therapy',
      `<p><nmt-verified-badge therapist-id="${therapist.profileId}"></nmt-verified-badge></p>
       <p><img src="${app}/badges/${therapist.profileId}.svg" alt="NMT Directory verification badge"></p>`,
      `${app}/embed/v1/badge.js`,
    );
    const own = await serveSite({ '/': { html, csp: strictPolicy(app) } });
    sites.push(own);
    const page = await open(`${own.origin}/`);
    const badge = page.locator('nmt-verified-badge');
    await expect(
      until(
        () => badge.getAttribute('data-state'),
        (s) => s !== null,
      ),
    ).resolves.toBe('verified');
    await expect(badge.locator('a').getAttribute('href')).resolves.toBe(`${app}/therapists/${therapist.profileId}`);
    await expect(badge.locator('a').textContent()).resolves.toContain('Gulf Coast NMT Registry');
    await expect(
      page.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(problemsOf(page)).toEqual([]);

    await revokeOnRoster(t, therapist);
    await page.reload();
    await expect(
      until(
        () => badge.getAttribute('data-state'),
        (s) => s === 'not-verified',
      ),
    ).resolves.toBe('not-verified');
    await expect(badge.locator('a').textContent()).resolves.toContain('Not verified today');

    const unknown = await serveSite({
      '/': {
        html: hostPage(
          'Unknown',
          '<nmt-verified-badge therapist-id="nope"></nmt-verified-badge>',
          `${app}/embed/v1/badge.js`,
        ),
      },
    });
    sites.push(unknown);
    const errorPage = await open(`${unknown.origin}/`);
    const state = () => errorPage.locator('nmt-verified-badge').getAttribute('data-state');
    await expect(until(state, (s) => s !== null)).resolves.toBe('error');
  });

  it('should take the screenshots of home, results and profile at phone and desktop widths', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pages = {
      home: '/',
      results: '/search?postalCode=78701&condition=back+pain&limit=6',
      profile: `/therapists/${maria.profileId}`,
    };
    for (const width of [390, 1280]) {
      const sized = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
      for (const [name, path] of Object.entries(pages)) {
        const page = await sized.newPage();
        await page.goto(`${app}${path}`);
        const file = join(SCREENSHOTS, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        // Nothing wider than the screen: no sideways scrolling on a phone.
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
      }
      await sized.close();
    }
  });
});

/** A partner page's policy as strict as ours: scripts, requests and images only from the directory. */
function strictPolicy(app: string): string {
  return `default-src 'none'; script-src ${app}; connect-src ${app}; img-src ${app}; style-src 'self'`;
}
