import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { validateEnv } from '../config/env';
import { createLogger, RequestLogs, requestId } from './logging';

/** Sends one real HTTP request through Fastify logging exactly as the app configures it, and returns the log. */
async function logOf(headers: Record<string, string>, body: string, status = 200): Promise<string> {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      output += chunk.toString();
      done();
    },
  });
  const app = Fastify({
    loggerInstance: createLogger(validateEnv({ LOG_LEVEL: 'info' }), sink),
    logController: new RequestLogs(),
    genReqId: requestId,
  });
  app.post('/api/v1/auth/login', (_request, reply) => reply.code(status).send({}));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers, body });
  } finally {
    await app.close();
  }
  return output;
}

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { id: string; url: string; headers: Record<string, string> };
  res?: { statusCode: number };
}

const linesOf = (log: string) =>
  log
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogLine);

describe('request logging', () => {
  it('should log each request once, as JSON, without bodies, tokens, API keys or cookies', async () => {
    const log = await logOf(
      {
        Authorization: 'Bearer secret-token-value',
        'X-Api-Key': 'partner-key-value',
        Cookie: 'session=cookie-value',
        'Content-Type': 'application/json',
      },
      JSON.stringify({ email: 'a@b.c', password: 'hunter2-password-value' }),
    );
    const requests = linesOf(log).filter((l) => l.req);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: 30, msg: 'request completed', res: { statusCode: 200 } });
    expect(requests[0].req!.url).toBe('/api/v1/auth/login');
    expect(requests[0].req!.headers['content-type']).toBe('application/json');
    expect(log).not.toMatch(/secret-token-value|partner-key-value|cookie-value|hunter2-password-value/);
  });

  it('should carry the request id in the log line', async () => {
    const [line] = linesOf(await logOf({ 'X-Request-Id': 'trace-me-123' }, '')).filter((l) => l.req);
    expect(line.req!.id).toBe('trace-me-123');
    expect(line.reqId).toBe('trace-me-123');
  });

  it('should log server errors at error level', async () => {
    const [line] = linesOf(await logOf({}, '', 503)).filter((l) => l.req);
    expect(line).toMatchObject({ level: 50, res: { statusCode: 503 } });
  });
});
