import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../common/problem';
import { ActivePartner, PartnerDirectory } from './partner-directory';
import { PartnerRateLimiter } from './partner-rate-limiter';
import { policyOf } from '../common/route-policy';
import { PartnerUsageCounter } from './partner-usage.counter';

export type PartnerRequest = FastifyRequest & { partner?: ActivePartner };

/**
 * Checks X-Api-Key in a Fastify onRequest hook, before body parsing and before Nest's guards, so that a key on a
 * route partners may not call is a 403 whatever that route's own authentication would say.
 */
@Injectable()
export class PartnerGate implements OnModuleInit {
  private readonly logger = new Logger(PartnerGate.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly directory: PartnerDirectory,
    private readonly limiter: PartnerRateLimiter,
    private readonly usage: PartnerUsageCounter,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    instance?.addHook('onRequest', (request, reply, done) => {
      // Most requests carry no key: let them through without a promise.
      if (request.headers['x-api-key'] === undefined || request.method === 'OPTIONS') {
        return done();
      }
      this.check(request, reply).then((denied) => (denied ? undefined : done()), done);
    });
  }

  /** Resolves to the reply when the request was refused (and answered), otherwise to undefined. */
  private async check(request: PartnerRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const apiKey = request.headers['x-api-key'];
    const partner = typeof apiKey === 'string' ? await this.directory.resolve(apiKey) : null;
    if (!partner) {
      this.logger.warn(`Invalid or revoked partner key used for ${request.method} ${request.url.split('?')[0]}`);
      return deny(reply, 401, 'The API key is invalid or has been revoked.');
    }
    if (!['GET', 'HEAD'].includes(request.method) || !policyOf(request).partnerAccess) {
      this.logger.warn(
        `Partner ${partner.id} called ${request.method} ${request.url.split('?')[0]}, which keys may not use`,
      );
      return deny(
        reply,
        403,
        'Partner API keys may only call the public read endpoints: search, profiles, reviews, verify and the taxonomy lists.',
      );
    }
    const retryAfter = await this.limiter.hit(partner.id);
    if (retryAfter > 0) {
      void reply.header('Retry-After', String(retryAfter));
      return deny(reply, 429, 'This API key has exceeded its rate limit.');
    }
    this.usage.count(partner.id);
    request.partner = partner;
    return undefined;
  }
}

function deny(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply
    .code(status)
    .header('Content-Type', 'application/problem+json')
    .header('X-Content-Type-Options', 'nosniff')
    .send(problem(status, detail));
}
