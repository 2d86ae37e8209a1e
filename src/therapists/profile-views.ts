import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NamedSlugDto, PublicCertificationDto, RatingDto, TherapistOwnDto, TherapistPublicDto } from './dto/therapist-view.dto';
import { TherapistProfile } from './therapist-profile.entity';

interface Extras {
  specialties: NamedSlugDto[];
  conditions: NamedSlugDto[];
  certifications: PublicCertificationDto[];
  rating: RatingDto;
}

// A verified credential past its effective expiry reads as expired at once, before any job has updated it.
const CERTIFICATIONS_SQL = `
  SELECT c.id, a.slug AS "associationSlug", c.credential_type AS "credentialType", c.credential_number AS "credentialNumber",
         CASE WHEN c.status = 'verified' AND c.expires_on < current_date THEN 'expired' ELSE c.status END AS status,
         c.verified_at AS "verifiedAt", c.last_checked_at AS "lastCheckedAt", to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn"
  FROM certification c JOIN association a ON a.id = c.association_id
  WHERE c.therapist_id = $1 AND c.withdrawn_at IS NULL
  ORDER BY c.created_at, c.id`;

function toRating(row: { count: number; sum: number; stars: number[] } | undefined): RatingDto {
  const stars = row?.stars ?? [0, 0, 0, 0, 0];
  const count = row?.count ?? 0;
  return {
    average: count ? Math.round((row!.sum / count) * 100) / 100 : 0,
    count,
    distribution: { '1': stars[0] ?? 0, '2': stars[1] ?? 0, '3': stars[2] ?? 0, '4': stars[3] ?? 0, '5': stars[4] ?? 0 },
  };
}

/** Builds the public and the owner's view of a profile from the profile row and its related rows. */
@Injectable()
export class ProfileViews {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async publicView(profile: TherapistProfile, manager?: EntityManager): Promise<TherapistPublicDto> {
    const extras = await this.extras(profile.id, manager ?? this.db.manager);
    return {
      id: profile.id,
      displayName: profile.displayName,
      bio: profile.bio,
      practice: {
        name: profile.practiceName,
        addressLine: profile.addressLine,
        city: profile.city,
        region: profile.region,
        postalCode: profile.postalCode,
        country: profile.country,
      },
      location: { lat: profile.lat, lng: profile.lng },
      languages: profile.languages,
      sessionLengths: profile.sessionLengths,
      acceptingNewClients: profile.acceptingNewClients,
      acceptingNewClientsConfirmedAt: profile.acceptingNewClientsConfirmedAt,
      priceRange: profile.priceMin === null || profile.priceMax === null || !profile.priceCurrency
        ? null
        : { min: profile.priceMin, max: profile.priceMax, currency: profile.priceCurrency },
      contact: profile.contactPhone || profile.contactWebsite || profile.contactEmail
        ? { phone: profile.contactPhone, website: profile.contactWebsite, email: profile.contactEmail }
        : null,
      ...extras,
      verified: extras.certifications.some((c) => c.status === 'verified'),
    };
  }

  async ownView(profile: TherapistProfile, manager?: EntityManager): Promise<TherapistOwnDto> {
    const view = await this.publicView(profile, manager);
    return {
      ...view,
      firstName: profile.firstName,
      middleName: profile.middleName,
      lastName: profile.lastName,
      specialtySlugs: view.specialties.map((s) => s.slug),
      conditionSlugs: view.conditions.map((c) => c.slug),
      locationSource: profile.locationSource,
      published: profile.published,
      version: profile.version,
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
    };
  }

  private async extras(id: string, m: EntityManager): Promise<Extras> {
    const [specialties, conditions, certifications, ratings] = await Promise.all([
      m.query<NamedSlugDto[]>(
        'SELECT s.slug, s.name FROM therapist_specialty ts JOIN specialty s ON s.slug = ts.specialty_slug WHERE ts.therapist_id = $1 ORDER BY s.name, s.slug',
        [id],
      ),
      m.query<NamedSlugDto[]>(
        'SELECT c.slug, c.name FROM therapist_condition tc JOIN condition c ON c.slug = tc.condition_slug WHERE tc.therapist_id = $1 ORDER BY c.name, c.slug',
        [id],
      ),
      m.query<PublicCertificationDto[]>(CERTIFICATIONS_SQL, [id]),
      m.query<{ count: number; sum: number; stars: number[] }[]>('SELECT count, sum, stars FROM therapist_rating WHERE therapist_id = $1', [id]),
    ]);
    return { specialties, conditions, certifications, rating: toRating(ratings[0]) };
  }
}
