import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ConditionTerm {
  slug: string;
  name: string;
  synonyms: string[];
}

export interface NamedTerm {
  slug: string;
  name: string;
}

export interface AssociationTerm extends NamedTerm {
  website: string | null;
}

export interface BadgeRow {
  id: string;
  displayName: string;
  /** The associations whose records a certification of this therapist is verified against today, with the check. */
  verifiedBy: { slug: string; name: string; checkedAt: string | null }[];
}

export interface SitemapEntry {
  id: string;
  lastmod: string;
}

/** The few reads the pages need beyond the search, profile, review and lookup services they reuse. */
@Injectable()
export class WebRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  conditions(): Promise<ConditionTerm[]> {
    return this.db.query('SELECT slug, name, synonyms FROM condition ORDER BY name, slug');
  }

  specialties(): Promise<NamedTerm[]> {
    return this.db.query('SELECT slug, name FROM specialty ORDER BY name, slug');
  }

  associations(): Promise<AssociationTerm[]> {
    return this.db.query('SELECT slug, name, website FROM association ORDER BY name, slug');
  }

  /** Verified today: the same rule as the profile's `verified` (the effective status, expiry included). */
  async badge(id: string): Promise<BadgeRow | null> {
    const [row] = await this.db.query<BadgeRow[]>(
      `SELECT p.id, p.display_name AS "displayName",
         coalesce((SELECT json_agg(json_build_object('slug', a.slug, 'name', a.name,
                     'checkedAt', to_char(coalesce(c.last_checked_at, c.verified_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
                     ORDER BY a.name, a.slug)
                   FROM certification c JOIN association a ON a.id = c.association_id
                   WHERE c.therapist_id = p.id AND c.withdrawn_at IS NULL
                     AND certification_effective_status(c.status, c.expires_on) = 'verified'), '[]') AS "verifiedBy"
       FROM therapist_profile p WHERE p.id = $1 AND p.published`,
      [id],
    );
    return row ?? null;
  }

  async publishedCount(): Promise<number> {
    const [row] = await this.db.query<{ n: string }[]>('SELECT count(*) AS n FROM therapist_profile WHERE published');
    return Number(row.n);
  }

  /** One page of published profiles in id order (the primary key's index), for the sitemaps. */
  sitemapPage(offset: number, limit: number): Promise<SitemapEntry[]> {
    return this.db.query(
      `SELECT id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS lastmod
         FROM therapist_profile WHERE published ORDER BY id OFFSET $1 LIMIT $2`,
      [offset, limit],
    );
  }
}
