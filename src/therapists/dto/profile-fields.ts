import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEGAL_NAME_MAX, NAME_CHARACTERS } from '../../verification/check/name-normalise';
import { IsText, trim } from '../../taxonomy/dto/taxonomy-fields';
import { canonicalLanguages, IsLanguageTag } from './validators';

export const BIO_MAX = 5000;

/** A legal name part: what the credentials say, compared with the association's roster (letters, not symbols). */
export const IsLegalName = () =>
  applyDecorators(
    IsText(LEGAL_NAME_MAX),
    Matches(NAME_CHARACTERS, {
      message: ({ property }) => `${property} may contain only letters, spaces, hyphens, apostrophes and periods`,
    }),
  );

export const IsBio = () => applyDecorators(Transform(trim), IsString(), MaxLength(BIO_MAX));

export const IsLanguageList = () =>
  applyDecorators(
    Transform(canonicalLanguages),
    IsArray(),
    ArrayMaxSize(20),
    IsLanguageTag({ each: true }),
    ArrayUnique(),
  );

export const IsSessionLengths = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(6),
    ArrayUnique(),
    IsInt({ each: true }),
    Min(15, { each: true, message: 'each session length must be at least 15 minutes' }),
    Max(240, { each: true, message: 'each session length must be at most 240 minutes' }),
  );

export const IsSlugList = (max: number) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), ArrayUnique(), IsString({ each: true }), MaxLength(64, { each: true }));

/** A nested object validated by its own DTO class. */
export const IsNested = (type: () => new () => object) => applyDecorators(IsObject(), ValidateNested(), Type(type));
