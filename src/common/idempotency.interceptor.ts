import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, lastValueFrom, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { ProblemException, toProblem } from './problem';

const HEADER = 'idempotency-key';
const ISSUES_SECRETS = 'issuesSecrets';
/** The OpenAPI extension that marks the operations whose answers are never stored (see finaliseDocument). */
export const NOT_REPLAYED = 'x-not-replayed';

/** How long a claim being processed holds its key without renewal, and how often the request renews it. */
export const CLAIM_LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
/** How long a key and its answer are kept. */
export const KEY_LIFETIME = '24 hours';

/** Stable JSON: the same body with keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What identifies a request under one key: its route and its body, whatever the order of the body's keys. */
export function requestHashOf(path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${path}\n${canonical(body)}`)
    .digest('hex');
}

/**
 * Idempotency-Key on POST: the first response (2xx or 4xx) is stored in PostgreSQL and replayed for a repeat
 * with the same key and body; the same key with another body is 422. Keys are scoped to the caller and kept 24 hours.
 * A claim being processed holds a lease its request renews: when the process dies, the lease lapses and a retry with
 * the same key runs the request again. Routes whose answer carries a secret (@IssuesSecrets) are never stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { id: string } }>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined || this.reflector.get(ISSUES_SECRETS, context.getHandler())) {
      return next.handle();
    }
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new ProblemException(400, 'Idempotency-Key must be 1–255 characters.', [
        { field: 'Idempotency-Key', message: 'must be 1–255 characters' },
      ]);
    }
    return from(this.handle(context, next, key));
  }

  private async handle(context: ExecutionContext, next: CallHandler, key: string): Promise<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { id: string } }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope = request.user ? `user:${request.user.id}` : `ip:${request.ip}`;
    const path = request.routeOptions.url ?? request.url;
    const requestHash = requestHashOf(path, request.body);

    // A new key, a key past its lifetime, or the same request's claim whose lease lapsed (its process died).
    const claimed = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_key AS k (scope, key, method, path, request_hash, locked_until)
       VALUES ($1, $2, 'POST', $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (scope, key) DO UPDATE SET path = excluded.path, request_hash = excluded.request_hash,
         status_code = NULL, response_body = NULL, created_at = now(), locked_until = excluded.locked_until
       WHERE k.created_at < now() - interval '${KEY_LIFETIME}'
          OR (k.status_code IS NULL AND k.locked_until < now() AND k.request_hash = excluded.request_hash)
       RETURNING 1`,
      [scope, key, path, requestHash, CLAIM_LEASE_SECONDS],
    );
    if (!claimed.length) {
      return this.replay(reply, scope, key, requestHash);
    }
    const renewal = setInterval(() => void this.renew(scope, key), RENEW_EVERY_MS);
    const outcome: unknown = await lastValueFrom(next.handle().pipe(catchError((error: unknown) => of({ error }))), {
      defaultValue: undefined,
    }).finally(() => clearInterval(renewal));
    if (outcome && typeof outcome === 'object' && 'error' in outcome) {
      const { body, internal } = toProblem(outcome.error);
      await (internal
        ? this.dataSource.query('DELETE FROM idempotency_key WHERE scope = $1 AND key = $2', [scope, key])
        : this.store(scope, key, body.status, body));
      throw outcome.error;
    }
    await this.store(scope, key, reply.statusCode, outcome ?? null);
    return outcome;
  }

  private async renew(scope: string, key: string): Promise<void> {
    await this.dataSource
      .query(
        `UPDATE idempotency_key SET locked_until = now() + make_interval(secs => $3)
         WHERE scope = $1 AND key = $2 AND status_code IS NULL`,
        [scope, key, CLAIM_LEASE_SECONDS],
      )
      .catch(() => undefined); // a missed renewal only shortens the lease
  }

  private async store(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_key SET status_code = $3, response_body = $4, locked_until = NULL
       WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body)],
    );
  }

  private async replay(reply: FastifyReply, scope: string, key: string, requestHash: string): Promise<unknown> {
    const [stored] = await this.dataSource.query<
      { request_hash: string; status_code: number | null; response_body: unknown; lease_left: number | null }[]
    >(
      `SELECT request_hash, status_code, response_body,
         ceil(extract(epoch FROM locked_until - now()))::int AS lease_left
       FROM idempotency_key WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (!stored || stored.request_hash !== requestHash) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'This Idempotency-Key was already used with a different request.',
      );
    }
    if (stored.status_code === null) {
      void reply.header('Retry-After', String(Math.max(1, stored.lease_left ?? 1)));
      throw new ProblemException(HttpStatus.CONFLICT, 'A request with this Idempotency-Key is still being processed.');
    }
    void reply.header('Idempotent-Replayed', 'true');
    if (stored.status_code >= 400) {
      throw new ProblemException(
        stored.status_code,
        (stored.response_body as { detail: string }).detail,
        (stored.response_body as { errors?: [] }).errors,
      );
    }
    void reply.status(stored.status_code);
    return stored.response_body;
  }
}

/**
 * Honours Idempotency-Key on the POST routes of a controller. Bound per controller rather than globally: an
 * interceptor wraps every request of the routes it covers, and the read routes (search above all) need none.
 */
export const Idempotent = () => UseInterceptors(IdempotencyInterceptor);

/**
 * A route whose answer carries a secret (tokens, an API key, an invitation code): its answer is never stored, so the
 * Idempotency-Key is not honoured and a retry runs again (a new sign-in, a new key; a spent refresh token is refused
 * and revokes its family, as without the header).
 */
export const IssuesSecrets = () => applyDecorators(SetMetadata(ISSUES_SECRETS, true), ApiExtension(NOT_REPLAYED, true));

/** Removes the keys past their lifetime; run at start-up and hourly. */
export function deleteExpiredKeys(dataSource: DataSource): Promise<unknown> {
  return dataSource.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '${KEY_LIFETIME}'`);
}
