import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { boxCube, chordOf, originCube } from '../search/search-sql';
import { keysetPage, KeysetQuery, PageRows } from './fhir-keyset';
import { ConceptRow } from './resources/code-system';
import { NearPoint } from './fhir-values';

export interface QualificationRow {
  credentialType: string;
  credentialNumber: string;
  issuedOn: string | null;
  expiresOn: string | null;
  associationId: string;
  associationName: string;
}

export interface TaxonomyEntry {
  slug: string;
  name: string;
  icd10?: string[];
}

/** A published profile's public fields; the parts asked for are filled. Never a legal name or an e-mail. */
export interface TherapistRow {
  id: string;
  displayName: string;
  languages: string[];
  practiceName: string | null;
  addressLine: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  lat: number;
  lng: number;
  phone: string | null;
  website: string | null;
  acceptingNewClients: boolean;
  qualifications?: QualificationRow[];
  specialties?: TaxonomyEntry[];
  conditions?: TaxonomyEntry[];
}

export type TherapistPart = 'qualifications' | 'taxonomy';

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  website: string | null;
}

export interface VerificationRow {
  id: string;
  therapistId: string;
  displayName: string;
  /** As read today: certification_effective_status(). */
  status: string;
  checkedAt: Date | null;
  decided: boolean;
  credentialType: string;
  associationId: string;
  associationName: string;
}

const PARTS: Record<TherapistPart, string> = {
  // Only certifications verified today are qualifications: nothing else is presented as held.
  qualifications: `,
    (SELECT coalesce(json_agg(json_build_object('credentialType', c.credential_type, 'credentialNumber', c.credential_number,
              'issuedOn', to_char(r.issued_on, 'YYYY-MM-DD'), 'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD'),
              'associationId', a.id, 'associationName', a.name) ORDER BY c.created_at, c.id), '[]')
     FROM certification c JOIN association a ON a.id = c.association_id
     LEFT JOIN roster_record r ON r.id = c.roster_record_id
     WHERE c.therapist_id = p.id AND c.withdrawn_at IS NULL
       AND certification_effective_status(c.status, c.expires_on) = 'verified') AS qualifications`,
  taxonomy: `,
    (SELECT coalesce(json_agg(json_build_object('slug', s.slug, 'name', s.name) ORDER BY s.slug), '[]')
     FROM therapist_specialty ts JOIN specialty s ON s.slug = ts.specialty_slug WHERE ts.therapist_id = p.id) AS specialties,
    (SELECT coalesce(json_agg(json_build_object('slug', k.slug, 'name', k.name, 'icd10', k.icd10) ORDER BY k.slug), '[]')
     FROM therapist_condition tc JOIN condition k ON k.slug = tc.condition_slug WHERE tc.therapist_id = p.id) AS conditions`,
};

/** The FHIR API's SQL: pages of ids (keyset by id, capped count) and the public rows behind them. */
@Injectable()
export class FhirRepository {
  private readonly pool: Pool;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  page(query: KeysetQuery): Promise<PageRows> {
    return keysetPage(this.db, query);
  }

  /**
   * Published profiles by id, in no particular order. Every search page and include runs this: as a named statement
   * straight on the pool, PostgreSQL plans each of its few shapes once per connection (planning cost twice the run).
   */
  async therapists(ids: string[], parts: TherapistPart[]): Promise<TherapistRow[]> {
    const text = `SELECT p.id, p.display_name AS "displayName", p.languages, p.practice_name AS "practiceName",
              p.address_line AS "addressLine", p.city, p.region, p.postal_code AS "postalCode", p.country, p.lat, p.lng,
              p.contact_phone AS phone, p.contact_website AS website, p.accepting_new_clients AS "acceptingNewClients"
              ${parts.map((part) => PARTS[part]).join('')}
       FROM therapist_profile p WHERE p.id = ANY($1::uuid[]) AND p.published`;
    const name = `fhir_therapists_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    return (await this.pool.query<TherapistRow>({ name, text, values: [ids] })).rows;
  }

  organizations(ids: string[]): Promise<OrganizationRow[]> {
    return this.db.query<OrganizationRow[]>(
      'SELECT id, slug, name, website FROM association WHERE id = ANY($1::uuid[])',
      [ids],
    );
  }

  /** Certifications (not withdrawn) of published profiles, by id. */
  verifications(ids: string[]): Promise<VerificationRow[]> {
    return this.db.query<VerificationRow[]>(
      `SELECT c.id, p.id AS "therapistId", p.display_name AS "displayName",
              certification_effective_status(c.status, c.expires_on) AS status,
              greatest(c.last_checked_at, c.verified_at) AS "checkedAt", c.decision IS NOT NULL AS decided,
              c.credential_type AS "credentialType", a.id AS "associationId", a.name AS "associationName"
       FROM certification c
       JOIN therapist_profile p ON p.id = c.therapist_id AND p.published
       JOIN association a ON a.id = c.association_id
       WHERE c.id = ANY($1::uuid[]) AND c.withdrawn_at IS NULL`,
      [ids],
    );
  }

  /** The concepts of the directory's specialty or condition code system. */
  concepts(kind: 'specialty' | 'condition'): Promise<ConceptRow[]> {
    return this.db.query<ConceptRow[]>(
      kind === 'specialty'
        ? 'SELECT slug, name, description FROM specialty ORDER BY slug'
        : 'SELECT slug, name, icd10 FROM condition ORDER BY slug',
    );
  }

  /** Every published practice within the distance: what _total=accurate costs (the page itself counts only 101). */
  async countNear(near: NearPoint): Promise<number> {
    const chord = chordOf(near.km);
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM therapist_search c
       WHERE c.published AND $2::cube @> c.point AND (c.point <-> $1::cube) <= $3::float8`,
      [originCube(near.lat, near.lng), boxCube(near.lat, near.lng, chord), chord],
    );
    return row.n;
  }
}
