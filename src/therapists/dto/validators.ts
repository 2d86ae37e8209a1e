import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical form of a well-formed BCP 47 tag whose primary language is a real ISO 639 language, else null. */
export function canonicalLanguageTag(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 35) {
    return null;
  }
  try {
    const [canonical] = Intl.getCanonicalLocales(value.trim());
    const primary = canonical?.split('-')[0] ?? '';
    return /^[a-z]{2,3}$/.test(primary) && languageNames.of(primary) !== undefined ? canonical : null;
  } catch {
    return null;
  }
}

/** Canonicalises valid tags ("EN-us" -> "en-US") and leaves the rest for the validator to refuse. */
export const canonicalLanguages = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => canonicalLanguageTag(v) ?? v) : value;

export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLanguageTag',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'each value in $property must be a BCP 47 language tag such as "en" or "es-MX"', ...options },
      validator: { validate: (value: unknown) => canonicalLanguageTag(value) !== null },
    });
}

/** The property must be at least the sibling property `other` (when both are numbers). */
export function IsNotLessThan(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotLessThan',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property must not be less than ${other}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const sibling = (args.object as Record<string, unknown>)[other];
          return typeof value !== 'number' || typeof sibling !== 'number' || value >= sibling;
        },
      },
    });
}

export const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
