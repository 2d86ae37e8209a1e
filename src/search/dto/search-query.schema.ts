import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { SORT_ORDERS, SortOrder } from '../search.types';

/** The search's query string once validated: defaults applied, numbers and booleans converted. */
export interface SearchQuery {
  near?: string;
  postalCode?: string;
  country?: string;
  city?: string;
  region?: string;
  radiusKm: number;
  condition?: string;
  specialty?: string;
  language?: string;
  acceptingNewClients?: boolean;
  sessionLength?: number;
  minRating?: number;
  q?: string;
  verifiedOnly: boolean;
  sort: SortOrder;
  limit: number;
  cursor?: string;
}

type Property = Record<string, unknown> & { description: string };

/**
 * The query string as a JSON schema, checked by Fastify's compiled validator before the handler runs (the
 * busiest route of the API skips the class-validator pass the other routes take). Strings are converted to numbers
 * and booleans only when they are exactly that; a repeated parameter arrives as an array and fails its type;
 * an unknown parameter fails the whole request. The same schema documents the parameters in OpenAPI.
 */
const PROPERTIES: Record<keyof SearchQuery, Property> = {
  near: {
    type: 'string',
    pattern: '^\\s*-?\\d{1,3}(\\.\\d+)?\\s*,\\s*-?\\d{1,3}(\\.\\d+)?\\s*$',
    description: '"lat,lng" in decimal degrees, the point to search around',
  },
  postalCode: {
    type: 'string',
    minLength: 2,
    maxLength: 16,
    description: 'A postal code to search around (with `country`, default US).',
  },
  country: {
    type: 'string',
    pattern: '^[A-Za-z]{2}$',
    description: 'an ISO 3166-1 alpha-2 code, the country of `postalCode` or `city` (default US)',
  },
  city: { type: 'string', minLength: 1, maxLength: 100, description: 'A city to search around; needs `region`.' },
  region: { type: 'string', minLength: 1, maxLength: 100, description: 'The region (state) of `city`, e.g. TX.' },
  radiusKm: { type: 'number', minimum: 1, maximum: 500, default: 25, description: 'Search radius in km, 1–500.' },
  condition: {
    type: 'string',
    minLength: 1,
    maxLength: 100,
    description: 'A condition slug, or free text matched against condition names and synonyms (typo-tolerant).',
  },
  specialty: {
    type: 'string',
    maxLength: 100,
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    description: 'a specialty slug (lower-case words joined by hyphens)',
  },
  language: {
    type: 'string',
    maxLength: 35,
    pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$',
    description: 'a BCP 47 language tag the therapist speaks, e.g. `es`',
  },
  acceptingNewClients: {
    type: 'boolean',
    description: 'Only therapists who are (true) or are not (false) accepting new clients.',
  },
  sessionLength: {
    type: 'integer',
    minimum: 15,
    maximum: 480,
    description: 'Only therapists offering sessions of this many minutes (15–480).',
  },
  minRating: {
    type: 'number',
    minimum: 1,
    maximum: 5,
    description: 'Only therapists whose average rating is at least this (1–5); unrated therapists are left out.',
  },
  q: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: 'Free text over display name and bio, typo-tolerant.',
  },
  verifiedOnly: {
    type: 'boolean',
    default: true,
    description: 'Only therapists holding a certification verified now (default true).',
  },
  sort: {
    type: 'string',
    enum: [...SORT_ORDERS],
    default: 'distance',
    description: '`distance` (default), `rating` (average, then count) or `relevance` (match of `q`, then distance).',
  },
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Page size, 1–100.' },
  cursor: {
    type: 'string',
    maxLength: 512,
    description: "Opaque cursor from the previous page's `nextCursor`, valid only for the same query.",
  },
};

export const SEARCH_QUERY_SCHEMA = { type: 'object', additionalProperties: false, properties: PROPERTIES };

/** Every parameter of the search, in a fixed order. */
export const SEARCH_PARAMETERS = Object.keys(PROPERTIES) as (keyof SearchQuery)[];

/** The OpenAPI description of every parameter, from the schema above. */
export function ApiSearchQuery() {
  return applyDecorators(
    ...Object.entries(PROPERTIES).map(([name, { description, ...schema }]) =>
      ApiQuery({ name, required: false, description, schema }),
    ),
  );
}
