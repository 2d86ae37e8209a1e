import type { FastifyCorsOptions, FastifyCorsOptionsDelegateCallback } from '@fastify/cors';
import { Logger } from '@nestjs/common';
import { Env } from '../config/env';
import { PartnerDirectory } from './partner-directory';
import { policyOf, RouteTable } from '../common/route-policy';

const DENY: FastifyCorsOptions = { origin: false };
const PARTNER_CORS: FastifyCorsOptions = {
  origin: true,
  methods: ['GET', 'HEAD'],
  allowedHeaders: ['X-Api-Key', 'Accept', 'Content-Type', 'X-Request-Id'],
  exposedHeaders: ['X-Request-Id', 'Retry-After'],
  maxAge: 600,
};

/**
 * CORS for every route to the origins in CORS_ORIGINS (our own web app); to an active partner's allowedOrigins only on
 * the partner read routes, and, when the request carries a key, only to that partner's origins.
 */
export function corsOptions(env: Env, directory: PartnerDirectory, routes: RouteTable): FastifyCorsOptions {
  const logger = new Logger('Cors');
  const firstParty = new Set(
    (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  const delegator: FastifyCorsOptionsDelegateCallback = (request, callback) => {
    const origin = request.headers.origin;
    if (!origin) {
      return callback(null, DENY);
    }
    if (firstParty.has(origin)) {
      return callback(null, { origin: true });
    }
    const preflight = request.method === 'OPTIONS';
    const method = String((preflight ? request.headers['access-control-request-method'] : request.method) ?? '');
    const reads = ['GET', 'HEAD'].includes(method.toUpperCase());
    const partnerRoute = preflight ? routes.partnerAccess(request.url.split('?')[0]) : policyOf(request).partnerAccess;
    if (!reads || !partnerRoute) {
      return callback(null, DENY);
    }
    const apiKey = request.headers['x-api-key'];
    directory.originAllowed(origin, !preflight && typeof apiKey === 'string' ? apiKey : undefined).then(
      (allowed) => callback(null, allowed ? PARTNER_CORS : DENY),
      (error: Error) => {
        logger.error(`Partner origins unavailable: ${error.message}`);
        callback(null, DENY);
      },
    );
  };
  return { delegator };
}
