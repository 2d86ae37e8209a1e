/** The operations of the served OpenAPI document, and values made from their schemas. */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
  security?: Record<string, unknown>[];
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** Anonymous callers are welcome. */
  public: boolean;
  /** From the 403 response ("Only for: a, b"): the roles that may call it; undefined when any signed-in caller may. */
  roles?: string[];
}

export interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(doc: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1')) {
      continue;
    }
    for (const [method, op] of Object.entries(methods)) {
      const only = /Only for: ([a-z_, ]+)/.exec(op.responses?.['403']?.description ?? '')?.[1];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        public: (op.security ?? []).some((s) => Object.keys(s).length === 0),
        roles: only?.split(',').map((r) => r.trim()),
      });
    }
  }
  return operations;
}

let counter = 0;

/** A plausible value for a schema: enough for a request to reach the rules behind validation. */
export function sample(doc: Document, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 6) {
    return undefined;
  }
  if (s.example !== undefined) {
    return s.example;
  }
  if (s.enum?.length) {
    return s.enum[0];
  }
  const variant = s.allOf?.[0] ?? s.anyOf?.[0] ?? s.oneOf?.[0];
  if (variant) {
    return sample(doc, variant, depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type ?? '') {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(name)) {
          out[name] = sample(doc, prop, depth + 1);
        }
      }
      return out;
    }
    case 'array':
      return [sample(doc, s.items, depth + 1)].filter((v) => v !== undefined);
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'email') {
        return `probe-${++counter}-${Date.now()}@example.test`;
      }
      if (s.format === 'uuid') {
        return '00000000-0000-4000-8000-000000000000';
      }
      if (s.format === 'date') {
        return '2030-01-01';
      }
      if (s.format === 'uri' || s.format === 'url') {
        return 'https://example.test';
      }
      return 'x'.repeat(Math.max(s.minLength ?? 0, 12));
    default:
      return undefined;
  }
}

/** The top-level properties of a body schema, with theirs. */
export function propertiesOf(doc: Document, schema: Schema | undefined): string[] {
  return Object.keys(resolve(doc, schema)?.properties ?? {});
}

function resolve(doc: Document, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) {
    s = doc.components?.schemas?.[s.$ref.split('/').pop()!];
  }
  return s;
}
