import { applyDecorators, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { Env } from '../config/env';

/** The rate limits of the API; each route opts into the ones that apply to it with @RateLimit(). */
export const RATE_LIMITS = ['auth', 'lookup', 'posting-user', 'posting-ip'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

type TrackedRequest = { ip: string; user?: { id: string } };

export function throttlerOptions(env: Env): ThrottlerModuleOptions {
  const seconds = (s: number) => s * 1000;
  const byUser = (req: Record<string, unknown>) => {
    const { user, ip } = req as TrackedRequest;
    return Promise.resolve(user ? `user:${user.id}` : `ip:${ip}`);
  };
  return {
    skipIf: () => env.RATE_LIMITS === 'off',
    throttlers: [
      { name: 'auth', limit: env.AUTH_RATE_LIMIT, ttl: seconds(env.AUTH_RATE_WINDOW_SECONDS) },
      {
        name: 'lookup',
        limit: env.PUBLIC_LOOKUP_RATE_LIMIT,
        ttl: seconds(env.PUBLIC_LOOKUP_RATE_WINDOW_SECONDS),
        // Partner traffic comes from a few server addresses and has its own per-key limit.
        // A throttler's own skipIf replaces the global one, so RATE_LIMITS=off is repeated here.
        skipIf: (context: ExecutionContext) =>
          env.RATE_LIMITS === 'off' || Boolean(context.switchToHttp().getRequest<{ partner?: unknown }>().partner),
      },
      {
        name: 'posting-user',
        limit: env.POSTING_RATE_LIMIT,
        ttl: seconds(env.POSTING_RATE_WINDOW_SECONDS),
        getTracker: byUser,
      },
      { name: 'posting-ip', limit: env.POSTING_RATE_LIMIT * 5, ttl: seconds(env.POSTING_RATE_WINDOW_SECONDS) },
    ],
  };
}

/** ThrottlerGuard that answers with a plain `Retry-After` header, whichever limit was hit. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(context, detail);
  }
}

/** Applies the named rate limits to a route (and no others). */
export function RateLimit(...names: RateLimitName[]) {
  const skipped = Object.fromEntries(RATE_LIMITS.filter((n) => !names.includes(n)).map((n) => [n, true]));
  return applyDecorators(
    SkipThrottle(skipped),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After' }),
  );
}
