import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NamedSlugDto, PublicCertificationDto } from './dto/therapist-view.dto';
import { TherapistProfile } from './therapist-profile.entity';

export type Link =
  | { table: 'therapist_specialty'; column: 'specialty_slug' }
  | { table: 'therapist_condition'; column: 'condition_slug' };
export const SPECIALTIES: Link = { table: 'therapist_specialty', column: 'specialty_slug' };
export const CONDITIONS: Link = { table: 'therapist_condition', column: 'condition_slug' };

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

/** What a profile view shows beside the profile row itself. */
export interface ProfileExtrasRow {
  specialties: NamedSlugDto[];
  conditions: NamedSlugDto[];
  certifications: PublicCertificationDto[];
  rating: { count: number; sum: number; stars: number[] } | null;
}

/** Therapist profiles and their condition and specialty links. */
@Injectable()
export class TherapistsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  hasProfile(m: EntityManager, userId: string): Promise<boolean> {
    return m.getRepository(TherapistProfile).existsBy({ userId });
  }

  async insert(m: EntityManager, fields: Partial<TherapistProfile>): Promise<string> {
    const { identifiers } = await m.getRepository(TherapistProfile).insert(fields);
    return identifiers[0].id as string;
  }

  byId(m: EntityManager, id: string): Promise<TherapistProfile> {
    return m.getRepository(TherapistProfile).findOneByOrFail({ id });
  }

  ofUser(userId: string): Promise<TherapistProfile | null> {
    return this.db.getRepository(TherapistProfile).findOneBy({ userId });
  }

  published(id: string): Promise<TherapistProfile | null> {
    return this.db.getRepository(TherapistProfile).findOneBy({ id, published: true });
  }

  /** The caller's profile, locked for the rest of the transaction. */
  lockOfUser(m: EntityManager, userId: string): Promise<TherapistProfile | null> {
    return m.getRepository(TherapistProfile).findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  async save(m: EntityManager, profile: TherapistProfile): Promise<void> {
    await m.getRepository(TherapistProfile).save(profile);
  }

  /** The ids of the user's credentials that are not withdrawn. */
  async claimIds(m: EntityManager, userId: string): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT c.id FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE p.user_id = $1 AND c.withdrawn_at IS NULL`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async linked(m: EntityManager, id: string, link: Link): Promise<string[]> {
    const rows = await m.query<{ slug: string }[]>(
      `SELECT ${link.column} AS slug FROM ${link.table} WHERE therapist_id = $1`,
      [id],
    );
    return rows.map((r) => r.slug);
  }

  async link(m: EntityManager, id: string, link: Link, slugs: string[]): Promise<void> {
    if (slugs.length) {
      await m.query(`INSERT INTO ${link.table} (therapist_id, ${link.column}) SELECT $1, unnest($2::text[])`, [
        id,
        slugs,
      ]);
    }
  }

  async replaceLinks(m: EntityManager, id: string, link: Link, slugs: string[]): Promise<void> {
    await m.query(`DELETE FROM ${link.table} WHERE therapist_id = $1`, [id]);
    await this.link(m, id, link, slugs);
  }

  async extras(m: EntityManager, id: string): Promise<ProfileExtrasRow> {
    const [row] = await m.query<ProfileExtrasRow[]>(EXTRAS_SQL, [id]);
    return row;
  }

  /** Which of the slugs exist in the specialty or condition table. */
  async knownSlugs(m: EntityManager, table: 'specialty' | 'condition', slugs: string[]): Promise<Set<string>> {
    const rows = await m.query<{ slug: string }[]>(`SELECT slug FROM ${table} WHERE slug = ANY($1::text[])`, [slugs]);
    return new Set(rows.map((r) => r.slug));
  }
}
