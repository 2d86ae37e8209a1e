import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Country-specific spellings folded to the stored form; other countries are stored upper-cased, without spaces. */
export function normalizePostalCode(country: string, code: string): string {
  const trimmed = code.trim().toUpperCase();
  if (country.toUpperCase() === 'US') {
    const zip = /^(\d{5})(?:-?\d{4})?$/.exec(trimmed);
    return zip ? zip[1] : trimmed;
  }
  return trimmed.replace(/\s+/g, '');
}

/** Geocoding against the postal_code table (real centroids loaded by migrations); never guesses a point. */
@Injectable()
export class GeoService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byPostalCode(country: string, code: string): Promise<GeoPoint | null> {
    const iso = (country || 'US').toUpperCase();
    const rows = await this.db.query<GeoPoint[]>('SELECT lat, lng FROM postal_code WHERE country = $1 AND code = $2', [
      iso,
      normalizePostalCode(iso, code),
    ]);
    return rows[0] ? { lat: rows[0].lat, lng: rows[0].lng } : null;
  }

  /**
   * The middle of the city's postal-code centroids (median latitude and longitude, so that one stray ZIP cannot move
   * it); the name matches regardless of case and accents.
   */
  async byCity(country: string | undefined, city: string, region: string): Promise<GeoPoint | null> {
    const [row] = await this.db.query<{ lat: number | null; lng: number | null }[]>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lat) AS lat, percentile_cont(0.5) WITHIN GROUP (ORDER BY lng) AS lng
       FROM postal_code
       WHERE country = $1 AND region = $2 AND normalize_term(city) = normalize_term($3)`,
      [(country || 'US').toUpperCase(), region.trim().toUpperCase(), city],
    );
    if (!row || row.lat === null || row.lng === null) {
      return null;
    }
    return { lat: Number(row.lat), lng: Number(row.lng) };
  }
}
