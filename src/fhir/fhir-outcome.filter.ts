import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { OperationOutcome } from 'fhir/r4';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RETRY_AFTER_UNAVAILABLE, toProblem } from '../common/problem';
import { IssueType, operationOutcome } from './fhir-error';
import { FHIR_JSON } from './fhir-urls';

const ISSUE_BY_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  414: 'too-long',
  429: 'throttled',
  503: 'transient',
};

function isOutcome(body: unknown): body is OperationOutcome {
  return (body as OperationOutcome)?.resourceType === 'OperationOutcome';
}

/**
 * FHIR routes answer every error as an OperationOutcome (the rest of the service answers problem+json): the status
 * and the message are the ones the problem would carry, unexpected errors are logged once and never shown.
 */
@Catch()
export class FhirOutcomeFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const response = error instanceof HttpException ? error.getResponse() : undefined;
    let status: number;
    let outcome: OperationOutcome;
    if (error instanceof HttpException && isOutcome(response)) {
      status = error.getStatus();
      outcome = response;
    } else {
      const { body, internal } = toProblem(error);
      if (internal) {
        const what = body.status === 503 ? 'database unavailable' : 'unexpected error';
        host.switchToHttp().getRequest<FastifyRequest>().log.error({ err: error }, what);
      }
      status = body.status;
      const fields = body.errors?.map((e) => e.field).filter(Boolean);
      outcome = operationOutcome(
        ISSUE_BY_STATUS[status] ?? (status >= 500 ? 'exception' : 'processing'),
        body.detail,
        fields,
      );
    }
    if (status === 429 && !reply.getHeader('retry-after')) {
      void reply.header('Retry-After', '60');
    }
    if (status === 503 && !reply.getHeader('retry-after')) {
      void reply.header('Retry-After', String(RETRY_AFTER_UNAVAILABLE));
    }
    void reply.status(status).header('Content-Type', FHIR_JSON).send(outcome);
  }
}
