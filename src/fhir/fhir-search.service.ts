import { Injectable } from '@nestjs/common';
import type { Bundle } from 'fhir/r4';
import { Env } from '../config/env';
import { SearchCursors } from '../search/search-cursor';
import { greatCircleKm } from '../search/search-sql';
import { SearchRepository } from '../search/search.repository';
import { badParameter } from './fhir-error';
import { Filters, organizationFilters, therapistFilters, verificationFilters } from './fhir-filters';
import { searchset, SearchEntry } from './fhir-bundle';
import { TotalCount } from './fhir-keyset';
import { FhirSearch, parseSearch, RawQuery } from './fhir-query';
import { FhirResources } from './fhir-resources.service';
import { COUNTED_TOTAL, FhirResourceType } from './fhir-search-parameters';
import { isUuid, NearPoint } from './fhir-values';
import { FhirRepository } from './fhir.repository';

/** A page of matches: ids in order, the total when known, where the next page starts. */
interface MatchPage {
  ids: string[];
  distances?: Map<string, number>;
  total?: number;
  next?: (number | string)[];
}

const TABLES: Record<FhirResourceType, { from: string; id: string }> = {
  Practitioner: { from: 'therapist_search s', id: 's.therapist_id' },
  PractitionerRole: { from: 'therapist_search s', id: 's.therapist_id' },
  Location: { from: 'therapist_search s', id: 's.therapist_id' },
  Organization: { from: 'association a', id: 'a.id' },
  VerificationResult: { from: 'certification c', id: 'c.id' },
};

/**
 * What an _include brings (the type it refers to) and a _revinclude (the type referring): a profile's Practitioner,
 * PractitionerRole and Location share its id, so either loads the page's own ids.
 */
const INCLUDED_TYPE: Record<string, FhirResourceType> = {
  'PractitionerRole:practitioner': 'Practitioner',
  'PractitionerRole:location': 'Location',
};
const REVINCLUDED_TYPE: Record<string, FhirResourceType> = {
  'PractitionerRole:location': 'PractitionerRole',
};

@Injectable()
export class FhirSearchService {
  private readonly cursors: SearchCursors;

  constructor(
    private readonly env: Env,
    private readonly resources: FhirResources,
    private readonly repository: FhirRepository,
    private readonly nearby: SearchRepository,
  ) {
    this.cursors = new SearchCursors(env.JWT_SECRET!);
  }

  async search(type: FhirResourceType, raw: RawQuery): Promise<Bundle> {
    const search = parseSearch(type, raw);
    const fingerprint = JSON.stringify(['fhir', { ...search, count: undefined, cursor: undefined, query: undefined }]);
    const keys = search.near ? 2 : 1;
    const after = search.cursor === undefined ? undefined : this.decodeCursor(fingerprint, search.cursor, keys);
    const page = search.near ? await this.near(search, search.near, after) : await this.byId(search, after);
    const matches = await this.resources.load(type, page.ids);
    const entries: SearchEntry[] = matches.map((resource) => ({
      resource,
      mode: 'match',
      distanceKm: page.distances?.get(resource.id),
    }));
    const includedTypes = [
      ...search.include.map((i) => INCLUDED_TYPE[i]),
      ...search.revinclude.map((i) => REVINCLUDED_TYPE[i]),
    ];
    for (const includedType of new Set(includedTypes)) {
      const included = await this.resources.load(includedType, page.ids);
      entries.push(...included.map((resource): SearchEntry => ({ resource, mode: 'include' })));
    }
    const next = page.next && this.cursors.encode(fingerprint, page.next);
    return searchset(this.resources.ctx, search, entries, page.total, next);
  }

  /** Cursors are signed and bound to the search they came from: an altered or foreign one is a 400. */
  private decodeCursor(fingerprint: string, cursor: string, keys: number): (number | string)[] {
    let after: (number | string)[] | undefined;
    try {
      after = this.cursors.decode(fingerprint, cursor, keys);
    } catch {
      after = undefined;
    }
    if (!after || !isUuid(String(after[keys - 1]))) {
      throw badParameter('_cursor', 'The cursor is not valid for this search (altered, or from another search).');
    }
    return after;
  }

  private totalCount(search: FhirSearch): TotalCount {
    return search.total === 'accurate' ? 'exact' : search.total === 'none' ? 'none' : { cap: COUNTED_TOTAL + 1 };
  }

  private async byId(search: FhirSearch, after: (number | string)[] | undefined): Promise<MatchPage> {
    const filters: Filters =
      search.type === 'Organization'
        ? organizationFilters(search)
        : search.type === 'VerificationResult'
          ? verificationFilters(search)
          : therapistFilters(search, this.env.PUBLIC_URL!);
    const { counted, ids } = await this.repository.page({
      ...TABLES[search.type],
      ...filters,
      after: after?.[0] as string | undefined,
      fetch: search.count + 1,
      total: this.totalCount(search),
    });
    const shown = ids.slice(0, search.count);
    return {
      ids: shown,
      total: counted !== null && (search.total === 'accurate' || counted <= COUNTED_TOTAL) ? counted : undefined,
      next: ids.length > search.count ? [shown[shown.length - 1]] : undefined,
    };
  }

  /**
   * Location?near: the JSON search's own statement (SearchRepository: nearest-first on the point index, radius as
   * an index condition, count capped at 101), without its verified-only filter; then the page's practices by id.
   */
  private async near(search: FhirSearch, near: NearPoint, after: (number | string)[] | undefined): Promise<MatchPage> {
    const rows = await this.nearby.search({
      lat: near.lat,
      lng: near.lng,
      radiusKm: near.km,
      verifiedOnly: false,
      sort: 'distance',
      limit: search.count,
      after,
    });
    const found = rows.filter((row) => row.id !== null);
    const shown = found.slice(0, search.count);
    const counted = rows[0]?.total ?? 0;
    const last = shown[shown.length - 1];
    let total = search.total !== 'none' && counted <= COUNTED_TOTAL ? counted : undefined;
    if (search.total === 'accurate' && counted > COUNTED_TOTAL) {
      total = await this.repository.countNear(near);
    }
    return {
      ids: shown.map((row) => row.id!),
      distances: new Map(
        shown.map((row) => [row.id!, Math.round(greatCircleKm(near.lat, near.lng, row.lat, row.lng) * 100) / 100]),
      ),
      total,
      next: found.length > search.count ? [Number(last.k0), String(last.id)] : undefined,
    };
  }
}
