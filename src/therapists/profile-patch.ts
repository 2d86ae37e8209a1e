import { CreateTherapistDto } from './dto/create-therapist.dto';
import { UpdateTherapistDto } from './dto/update-therapist.dto';
import { TherapistProfile } from './therapist-profile.entity';

type ProfileFields = Omit<
  TherapistProfile,
  | 'id'
  | 'userId'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'lat'
  | 'lng'
  | 'locationSource'
  | 'acceptingNewClientsConfirmedAt'
>;

/** The columns of a new profile, from the create body (location and bookkeeping come from elsewhere). */
export function fieldsOf(dto: CreateTherapistDto): ProfileFields {
  return {
    firstName: dto.firstName,
    middleName: dto.middleName ?? null,
    lastName: dto.lastName,
    displayName: dto.displayName,
    bio: dto.bio ?? '',
    practiceName: dto.practice.name ?? null,
    addressLine: dto.practice.addressLine ?? null,
    city: dto.practice.city,
    region: dto.practice.region,
    postalCode: dto.practice.postalCode,
    country: dto.practice.country,
    languages: dto.languages ?? [],
    sessionLengths: dto.sessionLengths ?? [],
    acceptingNewClients: dto.acceptingNewClients ?? true,
    priceMin: dto.priceRange?.min ?? null,
    priceMax: dto.priceRange?.max ?? null,
    priceCurrency: dto.priceRange?.currency ?? null,
    contactPhone: dto.contact?.phone ?? null,
    contactWebsite: dto.contact?.website ?? null,
    contactEmail: dto.contact?.email ?? null,
    published: dto.published ?? true,
  };
}

const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

/** The profile after a PATCH: named fields change, the rest stays. */
export function patched(current: TherapistProfile, dto: UpdateTherapistDto): TherapistProfile {
  const practice = dto.practice ?? {};
  const next: TherapistProfile = {
    ...current,
    firstName: pick(dto.firstName, current.firstName),
    middleName: pick(dto.middleName, current.middleName),
    lastName: pick(dto.lastName, current.lastName),
    displayName: pick(dto.displayName, current.displayName),
    bio: pick(dto.bio, current.bio),
    practiceName: pick(practice.name, current.practiceName),
    addressLine: pick(practice.addressLine, current.addressLine),
    city: pick(practice.city, current.city),
    region: pick(practice.region, current.region),
    postalCode: pick(practice.postalCode, current.postalCode),
    country: pick(practice.country, current.country),
    languages: pick(dto.languages, current.languages),
    sessionLengths: pick(dto.sessionLengths, current.sessionLengths),
    acceptingNewClients: pick(dto.acceptingNewClients, current.acceptingNewClients),
    published: pick(dto.published, current.published),
  };
  if (dto.priceRange !== undefined) {
    Object.assign(next, {
      priceMin: dto.priceRange?.min ?? null,
      priceMax: dto.priceRange?.max ?? null,
      priceCurrency: dto.priceRange?.currency ?? null,
    });
  }
  if (dto.contact !== undefined) {
    Object.assign(next, {
      contactPhone: dto.contact?.phone ?? null,
      contactWebsite: dto.contact?.website ?? null,
      contactEmail: dto.contact?.email ?? null,
    });
  }
  return next;
}

const COMPARED: (keyof TherapistProfile)[] = [
  'firstName',
  'middleName',
  'lastName',
  'displayName',
  'bio',
  'practiceName',
  'addressLine',
  'city',
  'region',
  'postalCode',
  'country',
  'lat',
  'lng',
  'locationSource',
  'languages',
  'sessionLengths',
  'acceptingNewClients',
  'priceMin',
  'priceMax',
  'priceCurrency',
  'contactPhone',
  'contactWebsite',
  'contactEmail',
  'published',
];

export function differs(a: TherapistProfile, b: TherapistProfile): boolean {
  return COMPARED.some((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

export function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
