import { createServer, IncomingMessage, request as httpRequest, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp, { Options } from 'pino-http';
import { validateEnv } from '../config/env';
import { loggerParams } from './logging';

/** Runs one real HTTP request through pino-http configured exactly as the app configures it, and returns the log. */
async function logOf(headers: Record<string, string>, body: string): Promise<string> {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      output += chunk.toString();
      done();
    },
  });
  const logger = pinoHttp(loggerParams(validateEnv({ LOG_LEVEL: 'info' })).pinoHttp as Options, sink);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    logger(req, res);
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest({ port, method: 'POST', path: '/api/v1/auth/login', headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
  await new Promise((resolve) => server.close(resolve));
  return output;
}

describe(loggerParams.name, () => {
  it('should log requests as JSON without bodies, tokens, API keys or cookies', async () => {
    const log = await logOf(
      {
        Authorization: 'Bearer secret-token-value',
        'X-Api-Key': 'partner-key-value',
        Cookie: 'session=cookie-value',
        'Content-Type': 'application/json',
      },
      JSON.stringify({ email: 'a@b.c', password: 'hunter2-password-value' }),
    );
    const line = JSON.parse(log.trim().split('\n')[0]);
    expect(line.req.url).toBe('/api/v1/auth/login');
    expect(log).not.toMatch(/secret-token-value|partner-key-value|cookie-value|hunter2-password-value/);
  });

  it('should carry the request id in the log line', async () => {
    const log = await logOf({ 'X-Request-Id': 'trace-me-123' }, '');
    expect(JSON.parse(log.trim()).req.id).toBe('trace-me-123');
  });
});
