import { FastifyInstance } from 'fastify';
import { FieldError, ProblemException } from './problem';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one: no character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The values no field of this API accepts, whatever its rules: numbers that are not finite (`Infinity`, `1e999`, NaN
 * — they compare oddly, serialise as `null` and mean nothing as a limit or a rating), text holding a NUL character
 * (PostgreSQL refuses it) and text that is not valid Unicode. Returns the first such field, by its path.
 */
export function unacceptableValue(value: unknown, field: string, depth = 0): FieldError | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : { field, message: `${field} must be a finite number` };
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      return { field, message: `${field} must not contain NUL characters` };
    }
    return LONE_SURROGATE.test(value) ? { field, message: `${field} is not valid Unicode text` } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 64) {
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = unacceptableValue(item, field ? `${field}.${key}` : key, depth + 1);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export function refuseUnacceptable(value: unknown, field: string): void {
  const found = unacceptableValue(value, field);
  if (found) {
    throw new ProblemException(400, `Invalid input: ${found.field}.`, [found]);
  }
}

/**
 * The same rule for routes whose query string a JSON schema validates (and converts) before Nest's pipes: checked
 * once validation has converted the values, since `1e999` is a valid number literal that only becomes Infinity then.
 */
export function useAcceptableValues(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (!request.routeOptions.schema) {
      return done();
    }
    try {
      refuseUnacceptable(request.query, '');
      refuseUnacceptable(request.params, '');
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
