import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { FastifyInstance } from 'fastify';

/**
 * Holds every answer of the app under test to the OpenAPI document it serves: the route and status are documented,
 * the body has a documented media type and matches its schema, with no property the schema does not name.
 * Mismatches are collected per test file and reported by the afterEach hook in `openapi-contract.setup.ts`.
 */
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: unknown;
}

const DOCUMENT_ID = 'served-openapi.json';
const mismatches: string[] = [];

export function takeContractMismatches(): string[] {
  return mismatches.splice(0);
}

/** A copy of a schema in which every object with named properties refuses others, and refs point into the document. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(strict);
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      copy[key] = `${DOCUMENT_ID}${value}`;
    } else if (key === 'example' || key === 'examples') {
      copy[key] = value;
    } else {
      copy[key] = strict(value);
    }
  }
  if (copy.properties && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: strict(document.components) });
  }

  /** Checks each API response on its way out, so that every request any test makes is covered. */
  static watch(fastify: FastifyInstance): void {
    let contract: Promise<OpenApiContract> | undefined;
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (!request.routeOptions.url?.startsWith('/api/v1')) {
        return payload;
      }
      contract ??= fastify
        .inject({ method: 'GET', url: '/docs/openapi.json' })
        .then((res) => new OpenApiContract(res.json<Document>()));
      const problem = (await contract).check(
        request.method,
        request.routeOptions.url,
        reply.statusCode,
        String(reply.getHeader('content-type') ?? ''),
        payload,
      );
      if (problem) {
        mismatches.push(`${request.method} ${request.url} → ${reply.statusCode}: ${problem}`);
      }
      return payload;
    });
  }

  check(
    method: string,
    route: string | undefined,
    status: number,
    contentType: string,
    payload: unknown,
  ): string | null {
    if (!route || !route.startsWith('/api/v1') || method === 'OPTIONS' || method === 'HEAD') {
      return null;
    }
    const path = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) {
      return `${method} ${path} is not in the OpenAPI document`;
    }
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => operation.responses?.[k]);
    if (!key) {
      return `status ${status} is not documented for ${method} ${path}`;
    }
    const text =
      payload === null || payload === undefined
        ? ''
        : typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString()
            : null;
    if (text === null) {
      return null; // a stream (static files): not an API answer
    }
    if (status === 204 || status === 304) {
      return text.length ? `a ${status} carries a body` : null;
    }
    const mediaType = contentType.split(';')[0].trim();
    const content = operation.responses![key].content;
    if (!content) {
      return text.length ? `a body (${mediaType}) where the document declares none` : null;
    }
    if (!content[mediaType]) {
      return `media type ${mediaType} is not documented (documented: ${Object.keys(content).join(', ')})`;
    }
    if (!mediaType.endsWith('json')) {
      return null;
    }
    const validate = this.validator(`${path} ${method} ${key} ${mediaType}`, content[mediaType].schema);
    if (!validate) {
      return null;
    }
    const body: unknown = JSON.parse(text);
    if (validate(body)) {
      return null;
    }
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return `body does not match the schema: ${errors.join('; ')}`;
  }

  private validator(key: string, schema: unknown): ValidateFunction | undefined {
    if (!schema) {
      return undefined;
    }
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(strict(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
