import { FieldError } from '../../common/problem';

const WORDING: [RegExp, string][] = [
  [/must be <= (\S+)$/, 'must be at most $1'],
  [/must be >= (\S+)$/, 'must be at least $1'],
  [/must NOT have fewer than (\d+) characters$/, 'must have at least $1 characters'],
  [/must NOT have more than (\d+) characters$/, 'must have at most $1 characters'],
  [/must be integer$/, 'must be a whole number'],
  [/must be number$/, 'must be a number'],
  [/must be boolean$/, 'must be true or false'],
  [/must be string$/, 'must be given once'],
  [/must be equal to one of the allowed values$/, 'must be one of the choices offered'],
];

/**
 * The API's field messages in the form's words: the parameter name becomes the field's visible label and the
 * validator's symbols become words ("radiusKm must be <= 500" → "Distance must be at most 500"). `special` replaces
 * the messages that only make sense to a programmer (those about `near`, for instance).
 */
export function inFormWords(
  errors: FieldError[],
  labels: Record<string, string>,
  special: (e: FieldError) => string | undefined = () => undefined,
): FieldError[] {
  return errors.map((e) => {
    const replaced = special(e);
    if (replaced) {
      return { field: e.field, message: replaced };
    }
    let message = e.message;
    for (const [pattern, words] of WORDING) {
      message = message.replace(pattern, words);
    }
    const label = labels[e.field];
    if (label && message.startsWith(`${e.field} `)) {
      message = `${label} ${message.slice(e.field.length + 1)}`;
    }
    return { field: e.field, message };
  });
}

/** Query values as the visitor sent them (first of a repeated parameter), for showing back in the form. */
export function formValues(query: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof first === 'string') {
      values[key] = first;
    }
  }
  return values;
}

/** A browser sends every field of a GET form, empty or not: an empty field means the visitor left it out. */
export function withoutEmpty(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}
