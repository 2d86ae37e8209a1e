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
