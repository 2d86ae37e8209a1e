import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { buildSearchQuery } from './search-sql';
import { SearchCriteria, SearchRow } from './search.types';

const TIE_MARGIN = 8;

export interface TaxonomyRow {
  kind: 'condition' | 'specialty';
  slug: string;
  id: number;
}

/** The search's SQL. The hot statement goes straight to the pg pool: one round trip, no ORM layer in between. */
@Injectable()
export class SearchRepository {
  private readonly pool: Pool;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  /**
   * Nearest-first pages read `fetch` rows from the index and sort them by (distance, id). If every row fetched
   * lies at the page's last distance, a tie may continue beyond them: read again, wider (practically never
   * happens, as the id coordinate keeps therapists at one place apart).
   */
  async search(criteria: SearchCriteria): Promise<SearchRow[]> {
    for (let fetch = criteria.limit + 1 + TIE_MARGIN; ; fetch *= 16) {
      const { rows } = await this.pool.query<SearchRow>(buildSearchQuery(criteria, fetch));
      const edge = rows[rows.length - 1];
      if (
        criteria.sort !== 'distance' ||
        !edge ||
        edge.fetched === null ||
        edge.fetched < fetch ||
        edge.reach !== edge.k0
      ) {
        return rows;
      }
    }
  }

  taxonomy(): Promise<TaxonomyRow[]> {
    return this.db.query<TaxonomyRow[]>(
      `SELECT 'condition' AS kind, slug, id FROM condition UNION ALL SELECT 'specialty', slug, id FROM specialty`,
    );
  }

  async resolveCondition(text: string): Promise<{ id: number; slug: string } | null> {
    const [row] = await this.db.query<{ id: number; slug: string }[]>(
      'SELECT id, slug FROM condition WHERE slug = resolve_condition($1)',
      [text],
    );
    return row ? { id: Number(row.id), slug: row.slug } : null;
  }

  async specialtyId(slug: string): Promise<number | null> {
    const [row] = await this.db.query<{ id: number }[]>('SELECT id FROM specialty WHERE slug = $1', [slug]);
    return row ? Number(row.id) : null;
  }
}
