import { IsBoolean, IsOptional } from 'class-validator';
import { IfPresent, IsText } from '../../taxonomy/dto/taxonomy-fields';
import { ContactDto, LocationDto, PracticeDto, PriceRangeDto } from './profile-parts.dto';
import { IsBio, IsLanguageList, IsLegalName, IsNested, IsSessionLengths, IsSlugList } from './profile-fields';

export class CreateTherapistDto {
  /** Legal first name, exactly as on the therapist's credentials (used to verify them; never shown publicly). */
  @IsLegalName()
  firstName!: string;

  @IsOptional()
  @IsLegalName()
  middleName?: string | null;

  /** Legal last name, as on the credentials. */
  @IsLegalName()
  lastName!: string;

  /** The public name, e.g. "Maria Garcia, LMT". */
  @IsText(120)
  displayName!: string;

  /** Up to 5,000 characters, stored as given (trimmed). */
  @IfPresent()
  @IsBio()
  bio?: string;

  @IsNested(() => PracticeDto)
  practice!: PracticeDto;

  /** Overrides the point derived from the postal code. */
  @IfPresent()
  @IsNested(() => LocationDto)
  location?: LocationDto;

  /** BCP 47 tags, e.g. ["en", "es-MX"]; stored in canonical form. */
  @IfPresent()
  @IsLanguageList()
  languages?: string[];

  /** Session lengths in minutes: integers 15–240, unique, at most 6. */
  @IfPresent()
  @IsSessionLengths()
  sessionLengths?: number[];

  /** Defaults to true; sets `acceptingNewClientsConfirmedAt`. */
  @IfPresent()
  @IsBoolean()
  acceptingNewClients?: boolean;

  @IfPresent()
  @IsNested(() => PriceRangeDto)
  priceRange?: PriceRangeDto;

  /** Slugs from GET /specialties; an unknown slug is a 422 naming it. */
  @IfPresent()
  @IsSlugList(20)
  specialtySlugs?: string[];

  /** Slugs from GET /conditions; an unknown slug is a 422 naming it. */
  @IfPresent()
  @IsSlugList(40)
  conditionSlugs?: string[];

  @IfPresent()
  @IsNested(() => ContactDto)
  contact?: ContactDto;

  /** Defaults to true; unpublished profiles are invisible to the public. */
  @IfPresent()
  @IsBoolean()
  published?: boolean;
}
