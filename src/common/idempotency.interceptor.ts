import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, lastValueFrom, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { ProblemException, toProblem } from './problem';

const HEADER = 'idempotency-key';

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

/**
 * Idempotency-Key on POST: the first response (2xx or 4xx) is stored in PostgreSQL and replayed for a repeat
 * with the same key and body; the same key with another body is 422. Keys are scoped to the caller.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { id: string } }>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined) {
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
    const requestHash = createHash('sha256')
      .update(`${path}\n${canonical(request.body)}`)
      .digest('hex');

    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_key (scope, key, method, path, request_hash) VALUES ($1, $2, 'POST', $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [scope, key, path, requestHash],
    );
    if (!inserted.length) {
      return this.replay(reply, scope, key, requestHash);
    }
    const outcome: unknown = await lastValueFrom(next.handle().pipe(catchError((error: unknown) => of({ error }))), {
      defaultValue: undefined,
    });
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

  private async store(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_key SET status_code = $3, response_body = $4 WHERE scope = $1 AND key = $2',
      [scope, key, status, JSON.stringify(body)],
    );
  }

  private async replay(reply: FastifyReply, scope: string, key: string, requestHash: string): Promise<unknown> {
    const [stored] = await this.dataSource.query<
      { request_hash: string; status_code: number | null; response_body: unknown }[]
    >('SELECT request_hash, status_code, response_body FROM idempotency_key WHERE scope = $1 AND key = $2', [
      scope,
      key,
    ]);
    if (!stored || stored.request_hash !== requestHash) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'This Idempotency-Key was already used with a different request.',
      );
    }
    if (stored.status_code === null) {
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
