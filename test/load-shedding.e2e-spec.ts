import { request as httpRequest, ClientRequest, IncomingMessage } from 'node:http';
import { createListeningTestApp, ListeningTestApp } from './support/listening-app';

/** A sign-in whose body is still on its way: it counts as in flight until the rest is sent. */
function slowSignIn(url: string): { finish(): Promise<number> } {
  const body = JSON.stringify({ email: 'slow@example.test', password: 'a password that is wrong' });
  const held: (() => void)[] = [];
  const responded = new Promise<IncomingMessage>((resolve, reject) => {
    const req: ClientRequest = httpRequest(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    });
    req.on('response', resolve).on('error', reject);
    req.write(body.slice(0, 10));
    held.push(() => req.end(body.slice(10)));
  });
  return {
    finish: async () => {
      held.forEach((fn) => fn());
      const res = await responded;
      res.resume();
      return res.statusCode!;
    },
  };
}

describe('load shedding', () => {
  let t: ListeningTestApp;

  beforeAll(async () => {
    t = await createListeningTestApp({ MAX_IN_FLIGHT_REQUESTS: '2' });
  });
  afterAll(() => t.close());

  it('should answer 503 with Retry-After at once past MAX_IN_FLIGHT_REQUESTS, keep liveness up, and recover', async () => {
    // The first API answer loads the OpenAPI document the suite checks answers against: before the server is busy.
    expect((await fetch(`${t.publicUrl}/api/v1/conditions`)).status).toBe(200);
    const slow = [slowSignIn(t.publicUrl), slowSignIn(t.publicUrl)];
    let shed = await fetch(`${t.publicUrl}/api/v1/conditions`);
    for (let i = 0; i < 50 && shed.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 20)); // until both slow requests have reached the server
      shed = await fetch(`${t.publicUrl}/api/v1/conditions`);
    }
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(shed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(shed.headers.get('x-request-id')).toBeTruthy();
    expect(await shed.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });

    expect((await fetch(`${t.publicUrl}/health/live`)).status).toBe(200);

    expect(await Promise.all(slow.map((s) => s.finish()))).toEqual([401, 401]);
    expect((await fetch(`${t.publicUrl}/api/v1/conditions`)).status).toBe(200);
  });
});
