import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiExtension, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { NOT_REPLAYED } from './idempotency.interceptor';

type Schema = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: unknown }>;
  [extension: `x-${string}`]: unknown;
}

const PUBLIC = 'x-public';
const NOT_REPLAYED_TEXT =
  'Idempotency-Key is not honoured here: the answer carries a secret, which is never stored, so a retry runs again.';
const REQUEST_CONTENT = 'x-request-content';

/** Marks an operation callable without an access token (the token, when sent, may still add the caller's extras). */
export const ApiPublic = () => ApiExtension(PUBLIC, true);

/** Declares one request body schema per media type (Nest's ApiBody gives every consumed type the same one). */
export const ApiRequestContent = (content: Record<string, Schema>) =>
  applyDecorators(ApiExtension(REQUEST_CONTENT, content));

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'On 400s caused by the body or query: one entry per offending field',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/** What any operation can answer, whatever its own decorators say. */
function standardErrors(operation: Operation, method: string): Record<string, string> {
  const errors: Record<string, string> = {
    '400': 'Invalid input: problem+json with `errors`, one entry per offending field (query, path or body)',
    '401': 'Missing, invalid or expired access token; or an invalid or revoked X-Api-Key',
    '403': 'The caller may not do this (role, ownership), or a partner key on a route partners may not call',
    '429': 'Rate limited; see Retry-After',
    '500': 'Unexpected error (details are logged, never returned)',
    '503':
      'Too busy, the database is unreachable or did not answer in time, or a service it depends on is unavailable: retry after Retry-After seconds',
  };
  if (operation.requestBody) {
    errors['413'] = 'Request body too large';
    errors['415'] = 'Unsupported content type';
  }
  if (method === 'post' && !operation[NOT_REPLAYED]) {
    errors['409'] = 'A request with the same Idempotency-Key is still being processed (see Retry-After)';
    errors['422'] = 'The Idempotency-Key was already used with a different request';
  }
  return errors;
}

/** OpenAPI 3.1 is JSON Schema: `nullable` becomes a union with null, which validators and generators read alike. */
function nullableToUnion(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(nullableToUnion);
    return;
  }
  if (!node || typeof node !== 'object') {
    return;
  }
  const schema = node as Schema;
  Object.values(schema).forEach(nullableToUnion);
  if (schema.nullable !== true) {
    delete schema.nullable;
    return;
  }
  delete schema.nullable;
  const allOf = schema.allOf as Schema[] | undefined;
  if (allOf?.length === 1) {
    delete schema.allOf;
    delete schema.type;
    schema.anyOf = [allOf[0], { type: 'null' }];
  } else if (typeof schema.$ref === 'string') {
    schema.anyOf = [{ $ref: schema.$ref }, { type: 'null' }];
    delete schema.$ref;
  } else if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) {
      schema.enum = [...(schema.enum as unknown[]), null];
    }
  } else if (Array.isArray(schema.anyOf ?? schema.oneOf)) {
    ((schema.anyOf ?? schema.oneOf) as unknown[]).push({ type: 'null' });
  }
}

function finaliseOperation(operation: Operation, method: string): void {
  if (operation[PUBLIC]) {
    // Anonymous callers are welcome ({}); a partner key or an access token may still be sent.
    operation.security = [{}, ...(operation.security ?? [])];
    delete operation[PUBLIC];
  } else if (!operation.security?.length) {
    operation.security = [{ bearer: [] }];
  }
  if (operation[NOT_REPLAYED]) {
    operation.description = `${operation.description ? `${operation.description} ` : ''}${NOT_REPLAYED_TEXT}`;
  }
  const content = operation[REQUEST_CONTENT] as Record<string, Schema> | undefined;
  if (content && operation.requestBody) {
    operation.requestBody.content = Object.fromEntries(
      Object.entries(content).map(([type, schema]) => [type, { schema }]),
    );
    delete operation[REQUEST_CONTENT];
  }
  const succeeds = Object.keys(operation.responses).filter((s) => s.startsWith('2'));
  const nestDefault = operation.responses['200'];
  if (nestDefault && !nestDefault.description && !nestDefault.content) {
    if (succeeds.length === 1) {
      throw new Error(`OpenAPI: "${operation.summary}" does not say what it answers`);
    }
    delete operation.responses['200']; // Nest's default, next to the status the route really answers
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    response.description ||= STATUS_CODES[status] ?? status;
  }
  for (const [status, description] of Object.entries(standardErrors(operation, method))) {
    operation.responses[status] ??= { description };
  }
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) >= 400) {
      response.content = problem;
    }
  }
  delete operation[NOT_REPLAYED];
  if (!operation.summary) {
    throw new Error(`OpenAPI: an operation has no summary (${method.toUpperCase()} ${JSON.stringify(operation)})`);
  }
}

/** Applies what the decorators cannot express: security per operation, the errors every route can give, 3.1 nulls. */
export function finaliseDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA };
  for (const path of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(path)) {
      if (operation && typeof operation === 'object' && 'responses' in operation) {
        finaliseOperation(operation as Operation, method);
      }
    }
  }
  nullableToUnion(document);
  return document;
}

export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('NMT Directory API')
    .setDescription(
      'The trusted directory of neuromuscular massage therapists. Errors are RFC 9457 problem+json. ' +
        'POST requests accept an optional Idempotency-Key header (1–255 characters, scoped to the caller): ' +
        'a repeat with the same key and body within 24 hours replays the first response; the same key with another body ' +
        'is 422; while the first is still being processed, 409 with Retry-After. Operations whose answer carries a ' +
        'secret (tokens, API keys, invitation codes) do not honour it: that answer is never stored. ' +
        'Where the written contract is silent, this document says what the service does.',
    )
    .setVersion('1')
    .setLicense('Proprietary', 'https://nmt-directory.example/terms')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'partner')
    .build();
  const document = finaliseDocument(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
}
