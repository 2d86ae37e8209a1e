import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value;

/** A stable identifier: lowercase words joined by single dashes. */
export const IsSlug = () =>
  applyDecorators(
    IsString(),
    MaxLength(64),
    Matches(SLUG_PATTERN, { message: '$property must be lowercase letters and digits joined by single dashes' }),
  );

/** Trimmed, non-empty text of at most `max` characters. */
export const IsText = (max: number) => applyDecorators(Transform(trim), IsString(), IsNotEmpty(), MaxLength(max));

/** Optional, but never null: an absent field is left alone, a null one is refused like any other bad value. */
export const IfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
