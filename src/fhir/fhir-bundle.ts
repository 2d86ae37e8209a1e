import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, BundleLink, FhirResource } from 'fhir/r4';
import { FhirSearch } from './fhir-query';
import { EXTENSIONS, SYSTEMS } from './fhir-urls';
import { FhirContext } from './resources/fhir-context';

export interface SearchEntry {
  resource: FhirResource & { id?: string };
  mode: 'match' | 'include';
  /** For near searches: the great-circle distance from the point searched. */
  distanceKm?: number;
}

function searchUrl(ctx: FhirContext, search: FhirSearch, cursor?: string): string {
  const params = new URLSearchParams(search.query);
  if (cursor !== undefined) {
    params.set('_cursor', cursor);
  }
  const query = params.toString();
  return `${ctx.base}/${search.type}${query ? `?${query}` : ''}`;
}

function entry(ctx: FhirContext, e: SearchEntry): BundleEntry {
  const distance =
    e.distanceKm === undefined
      ? {}
      : {
          extension: [
            {
              url: EXTENSIONS.locationDistance,
              valueDistance: { value: e.distanceKm, unit: 'km', system: SYSTEMS.ucum, code: 'km' },
            },
          ],
        };
  return {
    fullUrl: ctx.fullUrl(e.resource.resourceType, e.resource.id!),
    resource: e.resource,
    search: { ...distance, mode: e.mode },
  };
}

/** A searchset Bundle: the matches (then the included resources), the total when known, self and next links. */
export function searchset(
  ctx: FhirContext,
  search: FhirSearch,
  entries: SearchEntry[],
  total: number | undefined,
  nextCursor: string | undefined,
): Bundle {
  const link: BundleLink[] = [{ relation: 'self', url: searchUrl(ctx, search, search.cursor) }];
  if (nextCursor !== undefined) {
    link.push({ relation: 'next', url: searchUrl(ctx, search, nextCursor) });
  }
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    ...(total === undefined ? {} : { total }),
    link,
    ...(entries.length ? { entry: entries.map((e) => entry(ctx, e)) } : {}),
  };
}
