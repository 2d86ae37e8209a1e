import { Client } from 'pg';
import { SEED_CITIES } from '../src/seed/cities';

export interface BenchQuery {
  lat: number;
  lng: number;
  conditionId: number;
  conditionSlug: string;
}

/** Deterministic PRNG (mulberry32) so every run asks the same questions. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
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
    const random = prng(1764201630);
    return Array.from({ length: count }, () => {
      const place = places.rows[Math.floor(random() * places.rows.length)];
      const condition = conditions.rows[Math.floor(random() * conditions.rows.length)];
      return { lat: place.lat, lng: place.lng, conditionId: Number(condition.id), conditionSlug: condition.slug };
    });
  } finally {
    await client.end();
  }
}
