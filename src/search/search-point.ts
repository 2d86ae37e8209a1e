import { GeoPoint, GeoService } from '../geo/geo.service';
import { ProblemException } from '../common/problem';
import { SearchQuery } from './dto/search-query.schema';
import { refused } from './search-response';

const badInput = (field: string, message: string) =>
  new ProblemException(400, `Invalid input: ${field}.`, [{ field, message }]);

/** The point to search around: exactly one of `near`, `postalCode` (+`country`) or `city`+`region`. */
export async function resolvePoint(query: SearchQuery, geo: GeoService): Promise<GeoPoint> {
  const forms = [
    query.near !== undefined,
    query.postalCode !== undefined,
    query.city !== undefined || query.region !== undefined,
  ];
  const given = forms.filter(Boolean).length;
  if (given === 0) {
    throw badInput('near', 'a point is required: near=lat,lng, postalCode (+country) or city+region');
  }
  if (given > 1) {
    throw badInput('near', 'give exactly one of near, postalCode or city+region');
  }
  if (query.near !== undefined) {
    if (query.country !== undefined) {
      throw badInput('country', 'country applies to postalCode or city only');
    }
    return parseNear(query.near);
  }
  if (query.postalCode !== undefined) {
    const point = await geo.byPostalCode(query.country ?? 'US', query.postalCode);
    if (!point) {
      throw refused(
        'postalCode',
        `Unknown postal code "${query.postalCode}" in ${(query.country ?? 'US').toUpperCase()}.`,
      );
    }
    return point;
  }
  if (query.city === undefined || query.region === undefined) {
    throw badInput(query.city === undefined ? 'city' : 'region', 'city and region go together');
  }
  const point = await geo.byCity(query.country ?? 'US', query.city, query.region);
  if (!point) {
    throw refused('city', `Unknown place "${query.city}, ${query.region}".`);
  }
  return point;
}

function parseNear(near: string): GeoPoint {
  const [lat, lng] = near.split(',').map(Number);
  if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)) {
    throw badInput('near', 'latitude must be within -90..90 and longitude within -180..180');
  }
  return { lat, lng };
}
