import { Injectable } from '@nestjs/common';
import { SharedState } from '../cluster/shared-state';
import { Env } from '../config/env';
import { GeoService } from '../geo/geo.service';
import { SEARCH_PARAMETERS, SearchQuery } from './dto/search-query.schema';
import { SearchCursors } from './search-cursor';
import { TOTAL_CAP } from './search-sql';
import { CachedSearch, SearchResponseCache } from './search-cache';
import { resolvePoint } from './search-point';
import { SearchRepository } from './search.repository';
import { SearchTaxonomy } from './search-taxonomy';
import { SearchCriteria, SearchRow } from './search.types';
import { itemJson, refused, responseBody } from './search-response';

const CACHE_ENTRIES = 2000;

@Injectable()
export class SearchService {
  readonly cache: SearchResponseCache;
  private readonly cursors: SearchCursors;

  constructor(
    env: Env,
    private readonly repository: SearchRepository,
    private readonly taxonomy: SearchTaxonomy,
    private readonly geo: GeoService,
    state: SharedState,
  ) {
    this.cache = new SearchResponseCache(env.SEARCH_CACHE_MAX_AGE_SECONDS, CACHE_ENTRIES, state);
    this.cursors = new SearchCursors(env.JWT_SECRET!);
  }

  /** The serialised response with its ETag; identical queries within max-age come from the cache. */
  async search(query: SearchQuery): Promise<CachedSearch> {
    const key = this.cache.enabled ? searchCacheKey(query) : '';
    const cached = this.cache.enabled ? await this.cache.get(key) : undefined;
    if (cached) {
      return cached;
    }
    const entry = this.cache.entry(await this.answer(query));
    await this.cache.set(key, entry);
    return entry;
  }

  private async answer(query: SearchQuery): Promise<string> {
    const point = await resolvePoint(query, this.geo);
    const condition = query.condition === undefined ? undefined : await this.condition(query.condition);
    const specialtyId =
      query.specialty === undefined ? undefined : ((await this.taxonomy.specialtyId(query.specialty)) ?? undefined);
    if (query.specialty !== undefined && specialtyId === undefined) {
      throw refused('specialty', `Unknown specialty "${query.specialty}".`);
    }
    // Objects written out whole, without spreads: the hot path then keeps one object shape per literal.
    const criteria: SearchCriteria = {
      lat: point.lat,
      lng: point.lng,
      radiusKm: query.radiusKm,
      conditionId: condition?.id,
      specialtyId,
      language: query.language?.toLowerCase(),
      acceptingNewClients: query.acceptingNewClients,
      sessionLength: query.sessionLength,
      minRating: query.minRating,
      q: query.q?.trim() ? query.q.trim().toLowerCase() : undefined,
      verifiedOnly: query.verifiedOnly,
      sort: query.sort,
      limit: query.limit,
      after: undefined,
    };
    const fingerprint = searchFingerprint(criteria);
    const keyCount = query.sort === 'distance' ? 2 : 3;
    if (query.cursor !== undefined) {
      criteria.after = this.cursors.decode(fingerprint, query.cursor, keyCount);
    }
    const rows = await this.repository.search(criteria);
    const found = rows.filter((r) => r.id !== null);
    const items = found.slice(0, query.limit).map((row) => itemJson(row, point));
    const last = found.length > query.limit ? found[query.limit - 1] : undefined;
    const counted = rows[0]?.total ?? 0;
    return responseBody(items, {
      total: Math.min(counted, TOTAL_CAP),
      totalCapped: counted > TOTAL_CAP,
      nextCursor: last ? this.cursors.encode(fingerprint, keysOf(last, keyCount)) : null,
      query: {
        lat: point.lat,
        lng: point.lng,
        radiusKm: query.radiusKm,
        condition: condition?.slug ?? null,
        specialty: query.specialty ?? null,
        language: criteria.language ?? null,
        acceptingNewClients: query.acceptingNewClients ?? null,
        sessionLength: query.sessionLength ?? null,
        minRating: query.minRating ?? null,
        q: criteria.q ?? null,
        verifiedOnly: query.verifiedOnly,
        sort: query.sort,
        limit: query.limit,
      },
    });
  }

  private async condition(input: string): Promise<{ id: number; slug: string }> {
    const condition = await this.taxonomy.condition(input);
    if (!condition) {
      throw refused('condition', 'No condition matches this text; see GET /api/v1/conditions for the list.');
    }
    return condition;
  }
}

/**
 * What a cursor is bound to: every criterion but the page size and the cursor itself (a cursor stays valid for another
 * `limit`), as JSON. The type makes a criterion added to SearchCriteria a compile error here until it is bound too.
 */
function searchFingerprint(c: SearchCriteria): string {
  const bound: { [K in Exclude<keyof SearchCriteria, 'limit' | 'after'>]-?: SearchCriteria[K] } = {
    lat: c.lat,
    lng: c.lng,
    radiusKm: c.radiusKm,
    conditionId: c.conditionId,
    specialtyId: c.specialtyId,
    language: c.language,
    acceptingNewClients: c.acceptingNewClients,
    sessionLength: c.sessionLength,
    minRating: c.minRating,
    q: c.q,
    verifiedOnly: c.verifiedOnly,
    sort: c.sort,
  };
  return JSON.stringify(bound);
}

function keysOf(row: SearchRow, count: number): (number | string)[] {
  const keys = [row.k0, row.k1, row.k2].slice(0, count);
  return keys.map((k, i) => (i === count - 1 ? String(k) : Number(k)));
}

/**
 * The cache key of a search: every parameter given, by name, as the text of its value. Two different requests never
 * share it (JSON would write an absent value, NaN and Infinity all as null).
 */
export function searchCacheKey(query: SearchQuery): string {
  const given = SEARCH_PARAMETERS.filter((p) => query[p] !== undefined);
  return new URLSearchParams(given.map((p) => [p, String(query[p])])).toString();
}
