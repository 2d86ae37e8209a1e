import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

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
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const STANDARD_ERRORS: Record<string, string> = {
  '400': 'Invalid input (problem+json with `errors`, one per field)',
  '404': 'Not found, or not visible to the caller',
  '413': 'Request body too large',
  '429': 'Rate limited; see Retry-After',
  '500': 'Unexpected error (details are logged, never returned)',
};

/** Every operation documents the problem+json errors it can return, on top of what its decorators say. */
function addStandardErrors(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA };
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as {
      responses?: Record<string, { description: string; content?: unknown }>;
      security?: unknown[];
    }[]) {
      if (!operation?.responses) {
        continue;
      }
      const errors = {
        ...STANDARD_ERRORS,
        ...(operation.security?.length ? { '401': 'Missing or invalid access token' } : {}),
      };
      for (const [status, description] of Object.entries(errors)) {
        operation.responses[status] ??= { description };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) {
          response.content = problem;
        }
      }
    }
  }
}

export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('NMT Directory API')
    .setDescription(
      'The trusted directory of neuromuscular massage therapists. Errors are RFC 9457 problem+json. ' +
        'POST requests accept an optional Idempotency-Key header (1–255 characters, scoped to the caller): ' +
        'a repeat with the same key and body replays the first response; the same key with another body is 422.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'partner')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  addStandardErrors(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
}
