export class NamedSlugDto {
  slug!: string;
  name!: string;
}

export class PracticeViewDto {
  name!: string | null;
  addressLine!: string | null;
  city!: string;
  region!: string;
  postalCode!: string;
  country!: string;
}

export class PointDto {
  lat!: number;
  lng!: number;
}

export class PriceRangeViewDto {
  min!: number;
  max!: number;
  currency!: string;
}

export class ContactViewDto {
  phone!: string | null;
  website!: string | null;
  email!: string | null;
}

/** Enough to check the credential with the association, and nothing more. */
export class PublicCertificationDto {
  id!: string;
  associationSlug!: string;
  credentialType!: string;
  credentialNumber!: string;
  /** verified | needs_review | unmatched | rejected | expired (a verified credential past its expiry shows as expired). */
  status!: string;
  verifiedAt!: Date | null;
  lastCheckedAt!: Date | null;
  /** YYYY-MM-DD */
  expiresOn!: string | null;
}

export class RatingDto {
  /** Mean of published review ratings, two decimals; null without reviews. */
  average!: number | null;
  count!: number;
  /** Published reviews per star rating, keys "1" to "5". */
  distribution!: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export class TherapistPublicDto {
  id!: string;
  displayName!: string;
  bio!: string;
  practice!: PracticeViewDto;
  location!: PointDto;
  languages!: string[];
  sessionLengths!: number[];
  acceptingNewClients!: boolean;
  /** When the therapist last set or re-confirmed `acceptingNewClients`. */
  acceptingNewClientsConfirmedAt!: Date;
  priceRange!: PriceRangeViewDto | null;
  contact!: ContactViewDto | null;
  specialties!: NamedSlugDto[];
  conditions!: NamedSlugDto[];
  certifications!: PublicCertificationDto[];
  rating!: RatingDto;
  /** At least one certification is verified now. */
  verified!: boolean;
}

/** The therapist's own view: the public one plus the legal name and the editable state. */
export class TherapistOwnDto extends TherapistPublicDto {
  firstName!: string;
  middleName!: string | null;
  lastName!: string;
  specialtySlugs!: string[];
  conditionSlugs!: string[];
  /** `explicit` when the therapist gave `location`, else `postal_code`. */
  locationSource!: string;
  published!: boolean;
  /** Send it back with PATCH. */
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
}
