import { Client } from 'pg';
import { createTestApp, TestApp } from './support/app';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should answer readiness with the database up', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('should answer unknown routes with a 404 problem and a request id', async () => {
    const res = await t.http.get('/api/v1/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('should echo a well-formed X-Request-Id and replace a malformed one', async () => {
    const echoed = await t.http.get('/health/live').set('X-Request-Id', 'abc-123');
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.http.get('/health/live').set('X-Request-Id', 'bad id with spaces <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should reject malformed JSON with a 400 problem', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|FST_/);
  });

  it('should reject bodies over 1 MB with 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.c', password: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(res.body.status).toBe(413);
  });

  it('should serve the OpenAPI document with full paths', async () => {
    const res = await t.http.get('/docs/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/auth/login');
    expect(res.body.paths['/api/v1/auth/login'].post.responses['401']).toBeDefined();
  });

  it('should report not ready (503) while the database is unreachable', async () => {
    const [{ db }] = await t.db.query<{ db: string }[]>('SELECT current_database() AS db');
    const admin = new Client({ connectionString: process.env.TEST_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${db}" WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db]);
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ status: 503, detail: 'The database is unreachable.' });
    } finally {
      await admin.query(`ALTER DATABASE "${db}" WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await t.http.get('/health/ready').expect(200);
  });
});
