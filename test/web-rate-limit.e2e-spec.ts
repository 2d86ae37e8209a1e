import { createTestApp, TestApp } from './support/app';

const LIMITED = { RATE_LIMITS: 'on', PAGE_RATE_LIMIT: '3', PAGE_RATE_WINDOW_SECONDS: '60' };

describe('Web pages rate limit (per address, outside the API throttler)', () => {
  it('should answer a 429 page with Retry-After once an address is over the page limit, badges counted too', async () => {
    const t = await createTestApp(LIMITED);
    try {
      await t.http.get('/').expect(200);
      await t.http.get('/verify').expect(200);
      await t.http.get('/badges/not-a-profile.svg').expect(404);
      const refused = await t.http.get('/search').query({ postalCode: '10001' }).expect(429);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.text).toContain('Too many requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.headers['cache-control']).toBe('no-store');
      await t.http.get('/therapists/00000000-0000-0000-0000-000000000000').expect(429);
    } finally {
      await t.close();
    }
  });

  it('should not count static assets or API calls against the page limit', async () => {
    const t: TestApp = await createTestApp(LIMITED);
    try {
      const home = await t.http.get('/').expect(200);
      const asset = /href="(\/assets\/[^"]+\.css)"/.exec(home.text)?.[1];
      expect(asset).toBeDefined();
      for (let i = 0; i < 5; i++) {
        await t.http.get(asset!).expect(200);
        await t.http.get('/api/v1/conditions').expect(200);
      }
      await t.http.get('/verify').expect(200);
      await t.http.get('/verify').expect(200);
      await t.http.get('/verify').expect(429);
    } finally {
      await t.close();
    }
  });
});
