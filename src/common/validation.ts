import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { refuseUnacceptable } from './input-values';
import { FieldError, ProblemException } from './problem';

type Meta = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** What a value of each kind is called in a message, by class-validator's constraint name. */
const KINDS: Record<string, string> = {
  isInt: 'an integer',
  isNumber: 'a number',
  isString: 'text',
  isBoolean: 'true or false',
  isEmail: 'an email address',
  isUrl: 'a web address starting with http:// or https://',
  isUUID: 'a UUID',
  isObject: 'an object',
  isArray: 'a list',
};

const numberOf = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function rangeOf(byName: Map<string, unknown[]>): string {
  const first = (name: string) => numberOf(byName.get(name)?.[0]);
  const min = first('min') ?? first('arrayMinSize');
  const max = first('max') ?? first('arrayMaxSize');
  const length = byName.get('isLength');
  const minLength = numberOf(length?.[0]) ?? first('minLength');
  const maxLength = numberOf(length?.[1]) ?? first('maxLength');
  const unit = byName.has('isArray') ? ' items' : '';
  if (minLength !== undefined && maxLength !== undefined) {
    return ` of ${minLength}–${maxLength} characters`;
  }
  if (minLength !== undefined || maxLength !== undefined) {
    return minLength !== undefined ? ` of at least ${minLength} characters` : ` of at most ${maxLength} characters`;
  }
  if (min !== undefined && max !== undefined) {
    return unit ? ` of ${min}–${max}${unit}` : ` from ${min} to ${max}`;
  }
  if (min !== undefined) {
    return ` of at least ${min}${unit}`;
  }
  return max !== undefined ? ` of at most ${max}${unit}` : '';
}

/** "an integer from 1 to 5", "non-empty text of at most 200 characters", "one of: client, therapist". */
function ruleOf(metas: Meta[]): string | undefined {
  const byName = new Map(metas.map((m) => [m.name ?? '', (m.constraints ?? []) as unknown[]]));
  const allowed = byName.get('isIn')?.[0] ?? byName.get('isEnum')?.[1];
  if (Array.isArray(allowed)) {
    return `one of: ${allowed.join(', ')}`;
  }
  const kind = Object.keys(KINDS).find((k) => byName.has(k));
  if (!kind) {
    return undefined;
  }
  const article = byName.has('isNotEmpty') && kind === 'isString' ? 'non-empty ' : '';
  return `${article}${KINDS[kind]}${rangeOf(byName)}`;
}

function metadataOf(target: object | undefined, property: string): Meta[] {
  if (!target) {
    return [];
  }
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .filter((m) => m.propertyName === property && m.type === 'customValidation');
}

/** One message per field, in words: what is wrong, or what the value must be. */
function messageFor(error: ValidationError, field: string): string {
  const failed = Object.keys(error.constraints ?? {});
  if (failed.includes('whitelistValidation')) {
    return `${field} is not a known field`;
  }
  if (error.value === undefined || error.value === null) {
    return `${field} is required`;
  }
  const metas = metadataOf(error.target, error.property);
  const own = metas.filter((m) => !m.each);
  const custom = metas.find((m) => m.message && failed.includes(m.name ?? ''));
  const rule = ruleOf(own);
  const standardFailed = failed.some((name) => own.some((m) => m.name === name && !m.message));
  if (rule && standardFailed) {
    return `${field} must be ${rule}`;
  }
  const each = ruleOf(metas.filter((m) => m.each));
  if (each && !custom) {
    return `${field} must be a list, each item ${each}`;
  }
  return custom && error.constraints ? error.constraints[custom.name!] : Object.values(error.constraints ?? {})[0];
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: messageFor(error, field) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationErrorsToProblem(errors: ValidationError[]): ProblemException {
  const fieldErrors = flatten(errors);
  const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
  return new ProblemException(400, `Invalid input: ${fields}.`, fieldErrors);
}

/**
 * Class-validator with messages people can act on; a body that is not a JSON object is refused before it, and values
 * no field accepts (NUL characters, broken Unicode, numbers that are not finite) before and after conversion.
 */
class RequestValidationPipe extends ValidationPipe {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const root = metadata.type === 'body' || !metadata.data ? '' : metadata.data;
    const expectsObject =
      metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (expectsObject && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new ProblemException(400, 'The body must be a JSON object.', [
        { field: 'body', message: 'the body must be a JSON object' },
      ]);
    }
    if (metadata.type !== 'custom') {
      refuseUnacceptable(value, root);
    }
    const transformed = (await super.transform(value, metadata)) as unknown;
    if (metadata.type !== 'custom') {
      refuseUnacceptable(transformed, root);
    }
    return transformed;
  }
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // Values are never coerced behind the client's back: "5" is not a rating, and query DTOs convert explicitly.
  transformOptions: { enableImplicitConversion: false },
  // Target and value are read to word the messages; neither is ever sent back.
  validationError: { target: true, value: true },
  exceptionFactory: validationErrorsToProblem,
};

export const validationPipe = new RequestValidationPipe(OPTIONS);

/** The same validation for a body whose class the route's signature cannot name (a controller made by a factory). */
export const validationPipeFor = (type: new () => object) =>
  new RequestValidationPipe({ ...OPTIONS, expectedType: type });
