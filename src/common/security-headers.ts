import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { Env } from '../config/env';

type Middleware = ReturnType<typeof helmet>;

/** Scripts only from files of this origin, everywhere (pages set a stricter policy of their own); /docs needs inline styles. */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
};

/**
 * helmet's headers on every response, built once (the Fastify plugin builds them again per request). HSTS and
 * `upgrade-insecure-requests` only where the service is reached over HTTPS: the request came over TLS (or through a
 * trusted proxy that says so, see TRUST_PROXY), or PUBLIC_URL is an https:// address. Over plain HTTP they would at
 * best be ignored and at worst lock a local setup out of itself.
 */
export function securityHeaders(env: Env): (request: FastifyRequest, reply: FastifyReply) => void {
  const overHttps = helmet({
    contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: [] } },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  const overHttp = helmet({
    contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  });
  const publicHttps = env.PUBLIC_URL?.startsWith('https://') ?? false;
  const pick = (request: FastifyRequest): Middleware =>
    publicHttps || request.protocol === 'https' ? overHttps : overHttp;
  // helmet only sets headers and calls back at once.
  return (request, reply) => pick(request)(request.raw, reply.raw, () => undefined);
}

/**
 * No cache may keep what was answered to a signed-in caller (whatever the route says) or what a write answered
 * (tokens, keys, invitation codes are only ever in such answers) unless the route chose its own caching.
 */
function cacheControlOf(request: FastifyRequest, reply: FastifyReply): string | undefined {
  if (request.headers.authorization !== undefined) {
    return 'no-store';
  }
  const read = request.method === 'GET' || request.method === 'HEAD';
  return read || reply.hasHeader('cache-control') ? undefined : 'no-store';
}

export function useSecurityHeaders(fastify: FastifyInstance, env: Env): void {
  const apply = securityHeaders(env);
  fastify.addHook('onRequest', (request, reply, done) => {
    apply(request, reply);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const cacheControl = cacheControlOf(request, reply);
    if (cacheControl) {
      void reply.header('Cache-Control', cacheControl);
    }
    done(null, payload);
  });
}
