import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { IfPresent, IsText } from '../../taxonomy/dto/taxonomy-fields';
import { ContactDto, LocationDto, PracticePatchDto, PriceRangeDto } from './profile-parts.dto';
import { IsBio, IsLanguageList, IsLegalName, IsNested, IsSessionLengths, IsSlugList } from './profile-fields';

/** Changes only the fields it names; `version` must be the one last read (409 when stale). */
export class UpdateTherapistDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IfPresent()
  @IsLegalName()
  firstName?: string;

  /** null clears it. */
  @IsOptional()
  @IsLegalName()
  middleName?: string | null;

  @IfPresent()
  @IsLegalName()
  lastName?: string;

  @IfPresent()
  @IsText(120)
  displayName?: string;

  @IfPresent()
  @IsBio()
  bio?: string;

  /** Any subset of the practice fields. */
  @IfPresent()
  @IsNested(() => PracticePatchDto)
  practice?: PracticePatchDto;

  /** null goes back to the point of the postal code. */
  @IsOptional()
  @IsNested(() => LocationDto)
  location?: LocationDto | null;

  @IfPresent()
  @IsLanguageList()
  languages?: string[];

  @IfPresent()
  @IsSessionLengths()
  sessionLengths?: number[];

  /** Sending it, even unchanged, re-confirms it and refreshes `acceptingNewClientsConfirmedAt`. */
  @IfPresent()
  @IsBoolean()
  acceptingNewClients?: boolean;

  /** null clears it. */
  @IsOptional()
  @IsNested(() => PriceRangeDto)
  priceRange?: PriceRangeDto | null;

  /** Replaces the whole list. */
  @IfPresent()
  @IsSlugList(20)
  specialtySlugs?: string[];

  /** Replaces the whole list. */
  @IfPresent()
  @IsSlugList(40)
  conditionSlugs?: string[];

  /** Replaces the whole contact block; null clears it. */
  @IsOptional()
  @IsNested(() => ContactDto)
  contact?: ContactDto | null;

  @IfPresent()
  @IsBoolean()
  published?: boolean;
}
