import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { Env } from '../config/env';
import { PoolExtra, searchPoolConfig } from '../database/database.options';
import { buildSearchQuery, buildTieQuery } from './search-sql';
import { SearchCriteria, SearchRow } from './search.types';

export interface TaxonomyRow {
  kind: 'condition' | 'specialty';
  slug: string;
  id: number;
}

/**
 * The search's SQL. The hot statement goes straight to a pg pool of its own (SEARCH_POOL_SIZE connections, with the
 * settings of searchPoolConfig): one round trip, no ORM layer in between.
 */
@Injectable()
export class SearchRepository implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pool: Pool;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: Env,
  ) {
    const options = db.options as PostgresConnectionOptions;
    this.pool = new Pool(
      searchPoolConfig(options.url!, { ...(options.extra as PoolExtra), max: env.SEARCH_POOL_SIZE }),
    );
    this.pool.on('error', (error) =>
      new Logger(SearchRepository.name).warn(`idle search connection: ${error.message}`),
    );
  }

  /**
   * Opens every search connection and runs the default search's statements (by distance, verified only; the page and
   * the rest of a tie) for every condition on each: once at a point with nobody near, then at the directory's densest
   * places. The connections, their catalog caches and the statements' generic plans are ready before the first
   * request, and so is each connection's view of the shared buffers that dense searches read: a new PostgreSQL
   * backend takes a page fault the first time it touches each page of shared memory (at 1M therapists, 14 per search
   * in a new connection's first seconds, which doubled its CPU per search), and here it takes them before the start
   * is reported.
   */
  async onApplicationBootstrap(): Promise<void> {
    const conditions = (await this.taxonomy()).filter((r) => r.kind === 'condition').map((r) => Number(r.id));
    const places = await this.densestPlaces(WARM_UP_PLACES);
    const clients = await Promise.all(Array.from({ length: this.pool.options.max }, () => this.pool.connect()));
    try {
      await Promise.all(
        clients.map(async (client) => {
          for (const conditionId of conditions) {
            const criteria = { ...WARM_UP, conditionId };
            await client.query(buildSearchQuery(criteria, WARM_UP.limit + 2));
            await client.query(
              buildTieQuery(criteria, { k0: 0, lat: WARM_UP.lat, lng: WARM_UP.lng }, WARM_UP.limit + 1),
            );
            for (const place of places) {
              await client.query(buildSearchQuery({ ...criteria, ...place }, WARM_UP.limit + 2));
            }
          }
        }),
      );
    } catch (error) {
      new Logger(SearchRepository.name).warn(`search warm-up: ${(error as Error).message}`);
    } finally {
      clients.forEach((client) => client.release());
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  /**
   * The page's rows in sort order (at most limit + 1, to tell whether there is a next page), each with the total.
   *
   * Nearest-first pages read limit + 2 rows from the index by distance alone and are put in (distance, id) order
   * here. If the last two rows read lie at exactly the same distance, a row with that distance and a smaller id could
   * be left unread. When the tied rows share one place (therapists at one address whose ids are too close to set them
   * apart), the matches at that place and distance are read by id and merged in; otherwise (tied rows at different
   * places, which takes an exact coincidence of distances) the page is read again, wider, until the tie is passed.
   */
  async search(criteria: SearchCriteria): Promise<SearchRow[]> {
    const needed = criteria.limit + 1;
    for (let fetch = criteria.sort === 'distance' ? needed + 1 : needed; ; fetch *= 16) {
      const { rows } = await this.pool.query<SearchRow>(buildSearchQuery(criteria, fetch));
      if (rows[0]?.id === null) {
        return rows;
      }
      rows.sort(byKeys);
      const edge = rows[fetch - 1];
      if (rows.length < fetch || criteria.sort !== 'distance' || rows[needed - 1].k0 !== edge.k0) {
        return rows.slice(0, needed);
      }
      const tied = rows.filter((r) => r.k0 === edge.k0);
      if (tied.every((r) => r.lat === edge.lat && r.lng === edge.lng)) {
        const tie = { k0: edge.k0!, lat: edge.lat, lng: edge.lng };
        const { rows: place } = await this.pool.query<SearchRow>(buildTieQuery(criteria, tie, needed));
        const merged = rows.filter((r) => r.k0 !== edge.k0).concat(place.map((r) => ({ ...r, total: rows[0].total })));
        return merged.sort(byKeys).slice(0, needed);
      }
    }
  }

  /** The places where most published therapists are, most first. */
  private async densestPlaces(count: number): Promise<{ lat: number; lng: number }[]> {
    return this.db.query<{ lat: number; lng: number }[]>(
      `SELECT lat, lng FROM therapist_search WHERE published GROUP BY lat, lng ORDER BY count(*) DESC LIMIT $1`,
      [count],
    );
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

/** The default search, in the South Atlantic. */
const WARM_UP = { lat: -40, lng: -20, radiusKm: 25, verifiedOnly: true, sort: 'distance', limit: 20 } as const;
/** How many of the densest places the warm-up searches, for every condition on every connection. */
const WARM_UP_PLACES = 20;

/** The keyset order: each key ascending, the therapist id (a uuid, compared as PostgreSQL does) last. */
function byKeys(a: SearchRow, b: SearchRow): number {
  for (const key of ['k0', 'k1', 'k2'] as const) {
    const [x, y] = [a[key], b[key]];
    if (x !== y && x !== undefined && y !== undefined && x !== null && y !== null) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
