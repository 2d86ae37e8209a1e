import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ProblemException } from './problem';
import { validationPipeFor } from './validation';

/**
 * A request body checked only when the service reads it, once it has said whether the caller may act on the resource
 * at all: someone else's certification or review is 403/404 whatever the body holds, never a 400 that confirms it.
 */
export class DeferredBody<T extends object> {
  constructor(
    private readonly raw: unknown,
    private readonly type: new () => T,
  ) {}

  read(): Promise<T> {
    return validationPipeFor(this.type).transform(this.raw, { type: 'body', metatype: this.type }) as Promise<T>;
  }
}

/** `@BodyAfterAccess(Dto) body: DeferredBody<Dto>`; pair it with `@ApiBody({ type: Dto })` for the document. */
export const BodyAfterAccess = createParamDecorator(
  (type: new () => object, context: ExecutionContext) =>
    new DeferredBody(context.switchToHttp().getRequest<{ body?: unknown }>().body, type),
);

/** For a POST that takes no body: none, or an empty object; any field in it is refused as unknown. */
export const NoBody = createParamDecorator((_: unknown, context: ExecutionContext): undefined => {
  const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
  if (body === undefined || body === null) {
    return undefined;
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemException(400, 'This request takes no body.', [
      { field: 'body', message: 'the body must be empty' },
    ]);
  }
  const fields = Object.keys(body);
  if (fields.length) {
    throw new ProblemException(
      400,
      `Invalid input: ${fields.join(', ')}.`,
      fields.map((field) => ({ field, message: `${field} is not a known field` })),
    );
  }
  return undefined;
});
