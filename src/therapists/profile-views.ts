import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RatingDto, TherapistOwnDto, TherapistPublicDto } from './dto/therapist-view.dto';
import { TherapistProfile } from './therapist-profile.entity';
import { ProfileExtrasRow, TherapistsRepository } from './therapists.repository';

type Extras = Omit<ProfileExtrasRow, 'rating'> & { rating: RatingDto };

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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly profiles: TherapistsRepository,
  ) {}

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
    const row = await this.profiles.extras(m, id);
    return { ...row, rating: toRating(row.rating ?? undefined) };
  }
}
