import { createTestApp, TestApp } from './support/app';

describe('security headers over HTTP and HTTPS', () => {
  const hsts = (headers: Record<string, string>) => headers['strict-transport-security'];
  const upgrades = (headers: Record<string, string>) =>
    /upgrade-insecure-requests/.test(headers['content-security-policy'] ?? '');

  describe('served over plain HTTP (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('should send neither HSTS nor upgrade-insecure-requests, whatever a client claims', async () => {
      for (const headers of [{}, { 'X-Forwarded-Proto': 'https' }]) {
        const res = await t.http.get('/api/v1/conditions').set(headers).expect(200);
        expect(hsts(res.headers)).toBeUndefined();
        expect(upgrades(res.headers)).toBe(false);
        const scripts = /script-src ([^;]*)/.exec(res.headers['content-security-policy'])![1];
        expect(scripts).toBe("'self'");
      }
    });
  });

  describe('behind a trusted proxy that terminates TLS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: '127.0.0.1,::1' });
    });
    afterAll(() => t.close());

    it('should send HSTS and upgrade-insecure-requests when the proxy says the request came over HTTPS', async () => {
      const secure = await t.http.get('/api/v1/conditions').set('X-Forwarded-Proto', 'https').expect(200);
      expect(hsts(secure.headers)).toMatch(/max-age=31536000/);
      expect(upgrades(secure.headers)).toBe(true);
      const plain = await t.http.get('/api/v1/conditions').set('X-Forwarded-Proto', 'http').expect(200);
      expect(hsts(plain.headers)).toBeUndefined();
    });
  });

  describe('with an https:// PUBLIC_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ PUBLIC_URL: 'https://nmt-directory.example' });
    });
    afterAll(() => t.close());

    it('should send HSTS on every response', async () => {
      const res = await t.http.get('/api/v1/conditions').expect(200);
      expect(hsts(res.headers)).toMatch(/max-age=31536000/);
    });
  });
});
