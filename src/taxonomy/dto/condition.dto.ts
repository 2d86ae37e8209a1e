import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IfPresent, IsSlug, IsText, trimEach } from './taxonomy-fields';

/** An ICD-10-CM code: a letter (not U), two characters, then optionally a dot and up to four more. */
const ICD10_CM = /^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/;
const upperEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value;

const IsIcd10List = () =>
  applyDecorators(
    IfPresent(),
    Transform(upperEach),
    IsArray(),
    ArrayMaxSize(40),
    ArrayUnique(),
    Matches(ICD10_CM, { each: true, message: 'each value in icd10 must be an ICD-10-CM code such as M54.50' }),
  );

const IsSynonymList = () =>
  applyDecorators(
    IfPresent(),
    Transform(trimEach),
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique(),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(100, { each: true }),
  );

export class CreateConditionDto {
  /** Stable identifier; cannot be changed later. */
  @IsSlug()
  slug!: string;

  /** Display name, e.g. "Low back pain". */
  @IsText(120)
  name!: string;

  /** Current, billable ICD-10-CM codes, e.g. ["M54.50", "M54.59"]. */
  @IsIcd10List()
  icd10?: string[];

  /** Lay words people type, e.g. ["back pain", "lumbago"]. */
  @IsSynonymList()
  synonyms?: string[];
}

/** Every field optional; the slug cannot be changed (sending it is a 400). */
export class UpdateConditionDto {
  @IfPresent()
  @IsText(120)
  name?: string;

  /** Replaces the whole list. */
  @IsIcd10List()
  icd10?: string[];

  /** Replaces the whole list. */
  @IsSynonymList()
  synonyms?: string[];
}

export class ConditionDto {
  slug!: string;
  name!: string;
  icd10!: string[];
  synonyms!: string[];
}

export class ConditionListDto {
  items!: ConditionDto[];
  /** Always null: the whole list is returned at once. */
  nextCursor!: string | null;
}
