import { Client } from 'pg';
import { SEED_ASSOCIATIONS, SEED_CITIES } from './cities';

export interface SeedZip {
  code: string;
  lat: number;
  lng: number;
  city: string;
  region: string;
  areaCode: string;
}

export interface SeedAssociation {
  id: string;
  slug: string;
  prefix: string;
  credentialTypes: string[];
}

/** Everything the row builders read: real ZIP centroids of the seed cities, the taxonomy, the associations. */
export interface SeedContext {
  seed: number;
  today: number;
  passwordHash: string;
  cities: SeedZip[][];
  cityWeights: number[];
  conditions: { slug: string; name: string }[];
  specialties: string[];
  associations: SeedAssociation[];
}

export const SEED_EMAIL_DOMAIN = 'seed.nmt-directory.test';

async function cityZips(client: Client, city: string, region: string, areaCode: string): Promise<SeedZip[]> {
  const { rows } = await client.query<{ code: string; lat: number; lng: number; city: string; region: string }>(
    `SELECT code, lat, lng, city, region FROM postal_code
     WHERE country = 'US' AND region = $2 AND normalize_term(city) = normalize_term($1) ORDER BY code`,
    [city, region],
  );
  if (!rows.length) {
    throw new Error(`No postal codes for ${city}, ${region}: are the geodata migrations applied?`);
  }
  return rows.map((r) => ({ ...r, areaCode }));
}

export async function upsertAssociations(client: Client): Promise<SeedAssociation[]> {
  const out: SeedAssociation[] = [];
  for (const a of SEED_ASSOCIATIONS) {
    await client.query(
      `INSERT INTO association (slug, name, website, credential_types) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING`,
      [a.slug, a.name, a.website, a.credentialTypes],
    );
    const { rows } = await client.query<{ id: string; credential_types: string[] }>(
      'SELECT id, credential_types FROM association WHERE slug = $1',
      [a.slug],
    );
    const types = rows[0].credential_types.length ? rows[0].credential_types : a.credentialTypes;
    out.push({ id: rows[0].id, slug: a.slug, prefix: a.prefix, credentialTypes: types });
  }
  return out;
}

export async function loadContext(
  client: Client,
  seed: number,
  passwordHash: string,
  evenCities = false,
): Promise<SeedContext> {
  const cities: SeedZip[][] = [];
  for (const c of SEED_CITIES) {
    cities.push(await cityZips(client, c.city, c.region, c.areaCode));
  }
  const conditions = (
    await client.query<{ slug: string; name: string }>('SELECT slug, name FROM condition ORDER BY slug')
  ).rows;
  const specialties = (await client.query<{ slug: string }>('SELECT slug FROM specialty ORDER BY slug')).rows.map(
    (r) => r.slug,
  );
  const now = new Date();
  return {
    seed,
    today: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
    passwordHash,
    cities,
    cityWeights: SEED_CITIES.map((c) => (evenCities ? 1 : c.weight)),
    conditions,
    specialties,
    associations: await upsertAssociations(client),
  };
}
