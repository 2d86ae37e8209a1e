import { FastifyInstance } from 'fastify';
import { ProblemException } from './problem';

/** Deep enough for any body of this API; deep enough nesting is otherwise a way to spend the server's CPU. */
export const MAX_JSON_DEPTH = 32;

const bodyProblem = (detail: string, message: string) =>
  new ProblemException(400, detail, [{ field: 'body', message }]);

/** How deeply arrays and objects nest, counted in one pass that skips string contents; stops past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        i++;
      } else if (c === 34 /* " */) {
        inString = false;
      }
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) {
        return deepest;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * JSON bodies are parsed by Fastify's own safe parser (prototype poisoning refused), after a depth check that
 * refuses what would overflow the stack or burn CPU. Failures are problems naming the body, with `errors`.
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      return done(bodyProblem('The JSON body is empty.', 'the body is empty'), undefined);
    }
    if (nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return done(
        bodyProblem(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`, `the body nests too deeply`),
        undefined,
      );
    }
    void parse(request, text, (error: Error | null, value?: unknown) =>
      error
        ? done(bodyProblem('The request body is not valid JSON.', 'the body is not valid JSON'), undefined)
        : done(null, value),
    );
  });
}
