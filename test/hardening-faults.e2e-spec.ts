import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { QueryRunner } from 'typeorm';
import { createApp } from '../src/app.factory';
import { closeApp } from '../src/common/shutdown';
import { waitForDatabase } from '../src/database/wait-for-database';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { DbProxy, silentListener } from './support/db-proxy';
import { freePort } from './support/free-port';
import { insertAssociation, insertCertification, insertProfile } from './support/profiles';
import { utcDate } from './support/search';
import { registerUser } from './support/users';

/** Holds an exclusive lock on app_user, so that every signed-in request hangs on its user lookup. */
async function lockUsers(t: TestApp): Promise<QueryRunner> {
  const runner = t.db.createQueryRunner();
  await runner.startTransaction();
  await runner.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
  return runner;
}

async function release(runner: QueryRunner): Promise<void> {
  await runner.rollbackTransaction();
  await runner.release();
}

describe('when the database goes away', () => {
  let t: TestApp;
  let proxy: DbProxy;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    t = await createTestApp();
    const proxied = await DbProxy.in(t.env.DATABASE_URL!);
    proxy = proxied.proxy;
    app = await createApp({ ...t.env, DATABASE_URL: proxied.url, DB_CONNECT_TIMEOUT_SECONDS: 2 });
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    await proxy.stop();
    await t.close();
  });

  it('should answer 503 with Retry-After to a signed-in caller, never 401, and recover when it is back', async () => {
    const user = await registerUser(t, Role.Therapist);
    const http = request(app.getHttpServer());
    await http.get('/api/v1/auth/me').set(user.auth).expect(200);

    proxy.down();
    for (const call of [
      () => http.get('/api/v1/auth/me').set(user.auth),
      () => http.patch('/api/v1/therapists/me').set(user.auth).send({ bio: 'Still here.' }),
    ]) {
      const res = await call();
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toBe('The service is temporarily unavailable; try again shortly.');
    }

    const fhir = await http.get('/fhir/Practitioner');
    expect(fhir.status).toBe(503);
    expect(fhir.headers['retry-after']).toBe('5');
    expect(fhir.body.issue[0].code).toBe('transient');

    proxy.restore();
    await http.get('/api/v1/auth/me').set(user.auth).expect(200);
  });
});

describe('a database that hangs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DB_STATEMENT_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => t.close());

  it('should cut a statement that waits longer than the statement timeout and answer 503', async () => {
    const user = await registerUser(t, Role.Client);
    const lock = await lockUsers(t);
    try {
      const started = Date.now();
      const res = await t.http.get('/api/v1/auth/me').set(user.auth);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await release(lock);
    }
    await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
  });

  it('should wait for a database that does not answer at start-up, saying where, then give up as configured', async () => {
    const silent = await silentListener();
    const lines: string[] = [];
    const started = Date.now();
    try {
      const url = `postgres://nmt:s3cret-pw@127.0.0.1:${silent.port}/nmt`;
      const error = await waitForDatabase(url, {
        giveUpAfterMs: 5000,
        attemptTimeoutMs: 500,
        log: (line) => lines.push(line),
      }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`127.0.0.1:${silent.port}/nmt`);
      expect((error as Error).message).toContain('DB_STARTUP_WAIT_SECONDS');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.every((line) => line.includes(`Waiting for PostgreSQL at 127.0.0.1:${silent.port}/nmt`))).toBe(true);
      expect([...lines, (error as Error).message].join('\n')).not.toMatch(/s3cret|nmt:/);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await silent.close();
    }
  });

  it('should go on once the database answers', async () => {
    const lines: string[] = [];
    await waitForDatabase(t.env.DATABASE_URL!, {
      giveUpAfterMs: 5000,
      attemptTimeoutMs: 1000,
      log: (l) => lines.push(l),
    });
    expect(lines).toEqual([]);
  });
});

describe('shutdown and slow clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DB_STATEMENT_TIMEOUT_SECONDS: '20' });
  });
  afterAll(() => t.close());

  async function listening(overrides: Record<string, string> = {}) {
    const port = await freePort();
    const app = await createApp({ ...t.env, ...overrides });
    await app.listen({ port, host: '127.0.0.1' });
    return { app, url: `http://127.0.0.1:${port}`, port };
  }

  function get(url: string, agent: Agent, auth: { Authorization: string }) {
    return new Promise<{ status?: number; connection?: string } | { error: string }>((resolve) => {
      const req = httpRequest(url, { agent, headers: auth }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
      });
      req.on('error', (error) => resolve({ error: error.message }));
      req.end();
    });
  }

  it('should finish a request in flight on a keep-alive connection, close that connection and stop at once', async () => {
    const user = await registerUser(t, Role.Client);
    const { app, url } = await listening();
    const agent = new Agent({ keepAlive: true });
    try {
      expect(await get(`${url}/api/v1/auth/me`, agent, user.auth)).toEqual({ status: 200, connection: 'keep-alive' });
      const lock = await lockUsers(t);
      const inFlight = get(`${url}/api/v1/auth/me`, agent, user.auth);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const closed = closeApp(app, 10_000);
      setTimeout(() => void release(lock), 500);
      expect(await inFlight).toEqual({ status: 200, connection: 'close' });
      await closed;
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      agent.destroy();
    }
  });

  it('should not wait longer than the drain time for a request that does not finish', async () => {
    const user = await registerUser(t, Role.Client);
    const { app, url } = await listening();
    const agent = new Agent({ keepAlive: true });
    const lock = await lockUsers(t);
    try {
      const inFlight = get(`${url}/api/v1/auth/me`, agent, user.auth);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const closed = closeApp(app, 1000);
      expect(await inFlight).toEqual({ error: 'socket hang up' });
      expect(Date.now() - started).toBeLessThan(3000);
      await release(lock); // lets the handler's query end, so that the pool can close
      await closed;
    } finally {
      agent.destroy();
    }
  });

  it('should cut a request whose body arrives too slowly with a 408', async () => {
    const { app, port } = await listening({ REQUEST_TIMEOUT_SECONDS: '2' });
    try {
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
          );
        });
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('application/problem+json');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await app.close();
    }
  });
});

describe('the expiry job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EXPIRY_JOB_INTERVAL_SECONDS: '3600' });
  });
  afterAll(() => t.close());

  it('should run at start-up, not only an interval later', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const profile = await insertProfile(t, therapist.id);
    const id = await insertCertification(t, profile.id, await insertAssociation(t, 'expiry-boot'), {
      expiresOn: utcDate(-1),
    });
    const statusOf = async () =>
      (await t.db.query<{ status: string }[]>('SELECT status FROM certification WHERE id = $1', [id]))[0].status;
    expect(await statusOf()).toBe('verified');
    const restarted = await createApp(t.env);
    try {
      expect(await statusOf()).toBe('expired');
    } finally {
      await restarted.close();
    }
  });
});
