import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldError, ProblemException } from '../common/problem';
import { GeoService } from '../geo/geo.service';
import { LocationSource } from './therapist-profile.entity';
import { TherapistsRepository } from './therapists.repository';

export interface ResolvedLocation {
  lat: number;
  lng: number;
  locationSource: LocationSource;
}

/** Business rules a well-formed profile can still break (422). */
@Injectable()
export class ProfileRules {
  constructor(
    private readonly geo: GeoService,
    private readonly profiles: TherapistsRepository,
  ) {}

  async assertKnownSlugs(m: EntityManager, specialtySlugs?: string[], conditionSlugs?: string[]): Promise<void> {
    const errors = [
      ...(await this.unknown(m, 'specialty', 'specialtySlugs', specialtySlugs)),
      ...(await this.unknown(m, 'condition', 'conditionSlugs', conditionSlugs)),
    ];
    if (errors.length) {
      throw new ProblemException(422, errors.map((e) => e.message).join('; '), errors);
    }
  }

  /** An explicit point wins; otherwise the postal code's centroid, and an unknown postal code is refused. */
  async locate(
    country: string,
    postalCode: string,
    explicit?: { lat: number; lng: number } | null,
  ): Promise<ResolvedLocation> {
    if (explicit) {
      return { lat: explicit.lat, lng: explicit.lng, locationSource: 'explicit' };
    }
    const point = await this.geo.byPostalCode(country, postalCode);
    if (!point) {
      const message = `Unknown postal code "${postalCode}" for country ${country}; send "location": {"lat", "lng"} to place the practice.`;
      throw new ProblemException(422, message, [{ field: 'practice.postalCode', message }]);
    }
    return { ...point, locationSource: 'postal_code' };
  }

  private async unknown(
    m: EntityManager,
    table: 'specialty' | 'condition',
    field: string,
    slugs?: string[],
  ): Promise<FieldError[]> {
    if (!slugs?.length) {
      return [];
    }
    const known = await this.profiles.knownSlugs(m, table, slugs);
    return slugs.filter((s) => !known.has(s)).map((s) => ({ field, message: `Unknown ${table} slug "${s}".` }));
  }
}
