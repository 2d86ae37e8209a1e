import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RETRY_AFTER_UNAVAILABLE, toProblem } from './problem';

/** Turns every error into RFC 9457 problem+json; unexpected ones are logged here, once, and never shown. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, internal } = toProblem(error);
    if (internal) {
      // The request's logger, so that the line carries the request id the client saw.
      const what = body.status === 503 ? 'database unavailable' : 'unexpected error';
      host.switchToHttp().getRequest<FastifyRequest>().log.error({ err: error }, what);
    }
    if (body.status === 503 && !reply.getHeader('retry-after')) {
      void reply.header('Retry-After', String(RETRY_AFTER_UNAVAILABLE));
    }
    if (body.status === 429 && !reply.getHeader('retry-after')) {
      const retryAfter =
        error instanceof HttpException ? (error.getResponse() as { retryAfter?: number }).retryAfter : undefined;
      void reply.header('Retry-After', String(retryAfter ?? 60));
    }
    void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
  }
}
