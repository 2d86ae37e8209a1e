import { IfPresent, IsSlug, IsText } from './taxonomy-fields';

export class CreateSpecialtyDto {
  /** Stable identifier; cannot be changed later. */
  @IsSlug()
  slug!: string;

  /** Display name, e.g. "Trigger point therapy". */
  @IsText(120)
  name!: string;

  /** One plain-language sentence. */
  @IsText(500)
  description!: string;
}

/** Every field optional; the slug cannot be changed (sending it is a 400). */
export class UpdateSpecialtyDto {
  @IfPresent()
  @IsText(120)
  name?: string;

  @IfPresent()
  @IsText(500)
  description?: string;
}

export class SpecialtyDto {
  slug!: string;
  name!: string;
  description!: string;
}

export class SpecialtyListDto {
  items!: SpecialtyDto[];
  /** Always null: the whole list is returned at once. */
  nextCursor!: string | null;
}
