import { Client } from 'pg';
import { SEED_CITIES } from '../src/seed/cities';
import { Prng } from '../src/seed/prng';

export interface BenchQuery {
  lat: number;
  lng: number;
  conditionId: number;
  conditionSlug: string;
}

/** Random real points (postal-code centroids of the seeded cities), each with one random condition. */
export async function benchQueries(url: string, count: number): Promise<BenchQuery[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const places = await client.query<{ lat: number; lng: number }>(
      `SELECT lat, lng FROM postal_code WHERE country = 'US' AND (region, normalize_term(city)) IN
         (SELECT r, normalize_term(c) FROM unnest($1::text[], $2::text[]) AS t(c, r)) ORDER BY code`,
      [SEED_CITIES.map((c) => c.city), SEED_CITIES.map((c) => c.region)],
    );
    const conditions = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM condition ORDER BY id');
    // Seeded, so that every run asks the same questions.
    const random = new Prng(1764201630);
    return Array.from({ length: count }, () => {
      const place = random.pick(places.rows);
      const condition = random.pick(conditions.rows);
      return { lat: place.lat, lng: place.lng, conditionId: Number(condition.id), conditionSlug: condition.slug };
    });
  } finally {
    await client.end();
  }
}

/**
 * The centres of the core cities of the 20 largest US metropolitan areas (the first 20 of the seed's cities, city
 * hall or downtown): where most searches are made, and where a condition has thousands of therapists within 25 km.
 */
export const CITY_CENTRES: { city: string; lat: number; lng: number }[] = [
  { city: 'New York', lat: 40.7128, lng: -74.006 },
  { city: 'Los Angeles', lat: 34.0522, lng: -118.2437 },
  { city: 'Chicago', lat: 41.8781, lng: -87.6298 },
  { city: 'Dallas', lat: 32.7767, lng: -96.797 },
  { city: 'Houston', lat: 29.7604, lng: -95.3698 },
  { city: 'Atlanta', lat: 33.749, lng: -84.388 },
  { city: 'Washington', lat: 38.9072, lng: -77.0369 },
  { city: 'Philadelphia', lat: 39.9526, lng: -75.1652 },
  { city: 'Miami', lat: 25.7617, lng: -80.1918 },
  { city: 'Phoenix', lat: 33.4484, lng: -112.074 },
  { city: 'Boston', lat: 42.3601, lng: -71.0589 },
  { city: 'Riverside', lat: 33.9806, lng: -117.3755 },
  { city: 'San Francisco', lat: 37.7749, lng: -122.4194 },
  { city: 'Detroit', lat: 42.3314, lng: -83.0458 },
  { city: 'Seattle', lat: 47.6062, lng: -122.3321 },
  { city: 'Minneapolis', lat: 44.9778, lng: -93.265 },
  { city: 'Tampa', lat: 27.9506, lng: -82.4572 },
  { city: 'San Diego', lat: 32.7157, lng: -117.1611 },
  { city: 'Denver', lat: 39.7392, lng: -104.9903 },
  { city: 'Baltimore', lat: 39.2904, lng: -76.6122 },
];

/** Manhattan (dense) and Boise (no seeded city within 25 km) for the single-request comparison. */
export const MANHATTAN = { lat: 40.7128, lng: -74.006 };
export const BOISE = { lat: 43.615, lng: -116.202 };

/** Centre points moved by up to this many degrees in latitude and longitude, so that queries differ. */
const JITTER_DEGREES = 0.06;

async function allConditions(url: string): Promise<{ id: number; slug: string }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM condition ORDER BY id');
    return rows.map((r) => ({ id: Number(r.id), slug: r.slug }));
  } finally {
    await client.end();
  }
}

/**
 * The dense-centre workload: every condition in turn at each city centre in turn (query i asks condition i mod n at
 * centre ⌊i / n⌋ mod 20, so every (centre, condition) pair comes up), each point moved by up to ±0.06°.
 */
export async function denseCentreQueries(url: string, count: number): Promise<BenchQuery[]> {
  const conditions = await allConditions(url);
  const random = new Prng(1764201717);
  const moved = (v: number) => Math.round((v + (random.next() * 2 - 1) * JITTER_DEGREES) * 1e5) / 1e5;
  return Array.from({ length: count }, (_, i) => {
    const centre = CITY_CENTRES[Math.floor(i / conditions.length) % CITY_CENTRES.length];
    const condition = conditions[i % conditions.length];
    return { lat: moved(centre.lat), lng: moved(centre.lng), conditionId: condition.id, conditionSlug: condition.slug };
  });
}

/** Every condition at one point, unmoved. */
export async function everyConditionAt(url: string, point: { lat: number; lng: number }): Promise<BenchQuery[]> {
  const conditions = await allConditions(url);
  return conditions.map((c) => ({ ...point, conditionId: c.id, conditionSlug: c.slug }));
}
