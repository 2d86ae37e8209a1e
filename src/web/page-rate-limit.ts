import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { SharedThrottlerStorage } from '../cluster/shared-throttler-storage';
import { Env } from '../config/env';

/**
 * The pages are served outside Nest's guards, so the API's throttler does not see them: each page, badge, sitemap
 * and embed key check counts here against one limit per address, in the same storage (Redis when there is one).
 */
@Injectable()
export class PageRateLimit {
  constructor(
    private readonly storage: SharedThrottlerStorage,
    private readonly env: Env,
  ) {}

  /** Seconds to wait when the address is over its limit, else null. */
  async retryAfter(request: FastifyRequest): Promise<number | null> {
    if (this.env.RATE_LIMITS === 'off') {
      return null;
    }
    const ttl = this.env.PAGE_RATE_WINDOW_SECONDS * 1000;
    const limit = this.env.PAGE_RATE_LIMIT;
    const hit = await this.storage.increment(`page:${request.ip}`, ttl, limit, ttl, 'page');
    return hit.isBlocked ? Math.max(1, Math.ceil(hit.timeToBlockExpire)) : null;
  }
}
