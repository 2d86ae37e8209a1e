import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  NamedSlugDto,
  PublicCertificationDto,
  RatingDto,
  TherapistOwnDto,
  TherapistPublicDto,
} from './dto/therapist-view.dto';
import { TherapistProfile } from './therapist-profile.entity';

interface Extras {
  specialties: NamedSlugDto[];
  conditions: NamedSlugDto[];
  certifications: PublicCertificationDto[];
  rating: RatingDto;
}

const ISO = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// A credential past its effective expiry reads as expired at once, before any job has updated it.
const EXTRAS_SQL = `
  SELECT
    (SELECT coalesce(json_agg(json_build_object('slug', s.slug, 'name', s.name) ORDER BY s.name, s.slug), '[]')
     FROM therapist_specialty ts JOIN specialty s ON s.slug = ts.specialty_slug WHERE ts.therapist_id = $1) AS specialties,
    (SELECT coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY c.name, c.slug), '[]')
     FROM therapist_condition tc JOIN condition c ON c.slug = tc.condition_slug WHERE tc.therapist_id = $1) AS conditions,
    (SELECT coalesce(json_agg(json_build_object(
              'id', c.id, 'associationSlug', a.slug, 'credentialType', c.credential_type, 'credentialNumber', c.credential_number,
              'status', certification_effective_status(c.status, c.expires_on),
              'verifiedAt', ${ISO('c.verified_at')}, 'lastCheckedAt', ${ISO('c.last_checked_at')},
              'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD')) ORDER BY c.created_at, c.id), '[]')
     FROM certification c JOIN association a ON a.id = c.association_id
     WHERE c.therapist_id = $1 AND c.withdrawn_at IS NULL) AS certifications,
    (SELECT json_build_object('count', r.count, 'sum', r.sum, 'stars', r.stars) FROM therapist_rating r WHERE r.therapist_id = $1) AS rating`;

function toRating(row: { count: number; sum: number; stars: number[] } | undefined): RatingDto {
  const stars = row?.stars ?? [0, 0, 0, 0, 0];
  const count = row?.count ?? 0;
  return {
    average: count ? Math.round((row!.sum / count) * 100) / 100 : null,
    count,
    distribution: {
      '1': stars[0] ?? 0,
      '2': stars[1] ?? 0,
      '3': stars[2] ?? 0,
      '4': stars[3] ?? 0,
      '5': stars[4] ?? 0,
    },
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
      priceRange:
        profile.priceMin === null || profile.priceMax === null || !profile.priceCurrency
          ? null
          : { min: profile.priceMin, max: profile.priceMax, currency: profile.priceCurrency },
      contact:
        profile.contactPhone || profile.contactWebsite || profile.contactEmail
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
    const [row] = await m.query<
      (Omit<Extras, 'rating'> & { rating: { count: number; sum: number; stars: number[] } | null })[]
    >(EXTRAS_SQL, [id]);
    return { ...row, rating: toRating(row.rating ?? undefined) };
  }
}
