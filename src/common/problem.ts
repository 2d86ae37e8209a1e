import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION } from './database-errors';

export const UNAVAILABLE = 'The service is temporarily unavailable; try again shortly.';
/** Seconds a client is asked to wait after a 503. */
export const RETRY_AFTER_UNAVAILABLE = 5;

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/** An HttpException whose body is already the problem to send (used for 400s with per-field errors). */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, errors?: FieldError[]) {
    super(problem(status, detail, errors), status);
  }
}

export function problem(status: number, detail: string, errors?: FieldError[]): Problem {
  const title = STATUS_CODES[status] ?? 'Error';
  const body: Problem = { type: 'about:blank', title, status, detail };
  if (errors?.length) {
    body.errors = errors;
  }
  return body;
}

function detailOf(response: unknown, fallback: string): string {
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown })?.message;
  if (Array.isArray(message)) {
    return message.join('; ');
  }
  return typeof message === 'string' ? message : fallback;
}

/** Errors thrown below Nest (fastify body parsing, size limits) carry a statusCode. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: { additionalProperty?: string; missingProperty?: string };
  /** The failing property's schema (ajv's `verbose` option). */
  parentSchema?: { description?: string };
}

function schemaMessage(field: string, error: SchemaError): string {
  if (error.params.additionalProperty) {
    return `${field} is not a known parameter`;
  }
  // A pattern is no message for people: say what the value should be instead.
  if (error.keyword === 'pattern' && error.parentSchema?.description) {
    return `${field} is malformed; expected ${error.parentSchema.description}`;
  }
  return `${field} ${error.message ?? 'is invalid'}`;
}

/** A Fastify schema validation failure (the routes that validate with a JSON schema): a 400 naming each field. */
function schemaProblem(error: unknown): Problem | undefined {
  const validation = (error as { validation?: unknown })?.validation;
  if (!Array.isArray(validation)) {
    return undefined;
  }
  const errors = (validation as SchemaError[]).map((e) => {
    const field =
      e.instancePath.slice(1).replaceAll('/', '.') || e.params.additionalProperty || e.params.missingProperty || '';
    return { field, message: schemaMessage(field, e) };
  });
  return problem(
    HttpStatus.BAD_REQUEST,
    `Invalid input: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
    errors,
  );
}

/** Maps anything thrown while serving a request to the problem the client sees; `internal` marks what must be logged. */
export function toProblem(error: unknown): { body: Problem; internal: boolean } {
  if (error instanceof NotFoundException && error.message.startsWith('Cannot ')) {
    // Nest's answer for a path no route matches would repeat the path, whatever it holds.
    return { body: problem(HttpStatus.NOT_FOUND, 'Nothing is served at this path.'), internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && 'type' in response && 'title' in response) {
      return { body: response as Problem, internal: false };
    }
    return { body: problem(status, detailOf(response, error.message)), internal: status >= 500 };
  }
  if (isDatabaseUnavailable(error)) {
    // Logged as an error (internal), answered as what it is: a temporary outage the client may retry.
    return { body: problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE), internal: true };
  }
  const code = (error as { code?: unknown })?.code;
  if (code === PG_UNIQUE_VIOLATION) {
    return { body: problem(HttpStatus.CONFLICT, 'This resource already exists.'), internal: false };
  }
  if (code === PG_FOREIGN_KEY_VIOLATION) {
    return {
      body: problem(HttpStatus.CONFLICT, 'This resource is still referenced or refers to something missing.'),
      internal: false,
    };
  }
  const invalid = schemaProblem(error);
  if (invalid) {
    return { body: invalid, internal: false };
  }
  const status = statusOf(error);
  if (status) {
    const detail = clientMessage(status, error);
    // A body that could not be parsed is a 400 caused by the body: it names the body as the offending field.
    const errors =
      status === 400 ? [{ field: 'body', message: detail.replace(/^The (request|JSON) body/, 'the body') }] : undefined;
    return { body: problem(status, detail, errors), internal: false };
  }
  return { body: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.'), internal: true };
}

function clientMessage(status: number, error: unknown): string {
  switch (status) {
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'Unsupported content type.';
    case 400:
      return (error as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'The JSON body is empty.'
        : 'The request body is not valid JSON.';
    default:
      return STATUS_CODES[status] ?? 'Bad request.';
  }
}
