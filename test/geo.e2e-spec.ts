import { GeoService, normalizePostalCode } from '../src/geo/geo.service';
import { haversineKm } from './support/search';
import { createTestApp, TestApp } from './support/app';

describe('geodata', () => {
  let t: TestApp;
  let geo: GeoService;
  beforeAll(async () => {
    t = await createTestApp();
    geo = t.app.get(GeoService);
  });
  afterAll(() => t.close());

  it('should load every US ZIP with a real location from the packaged datasets', async () => {
    const [row] = await t.db.query<{ total: number; named: number; bad: number }[]>(
      `SELECT count(*)::int AS total, count(city)::int AS named,
              count(*) FILTER (WHERE lat = 0 AND lng = 0)::int AS bad FROM postal_code WHERE country = 'US'`,
    );
    expect(row.total).toBeGreaterThan(40_000);
    expect(row.named / row.total).toBeGreaterThan(0.99);
    expect(row.bad).toBe(0);
  });

  it('should place a ZIP at its Census ZCTA centroid', async () => {
    const point = await geo.byPostalCode('US', '10001');
    expect(point).toEqual({ lat: 40.75065, lng: -73.997293 });
    await expect(geo.byPostalCode('us', ' 10001-1234 ')).resolves.toEqual(point);
    const [row] = await t.db.query<{ city: string; region: string }[]>(
      `SELECT city, region FROM postal_code WHERE country = 'US' AND code = '10001'`,
    );
    expect(row).toEqual({ city: 'New York', region: 'NY' });
  });

  it('should place a ZIP without a ZCTA (a PO box ZIP) from the city dataset', async () => {
    await expect(geo.byPostalCode('US', '00501')).resolves.toEqual({ lat: 40.8154, lng: -73.0451 });
  });

  it('should answer null for unknown codes and countries, never a made-up point', async () => {
    await expect(geo.byPostalCode('US', '00000')).resolves.toBeNull();
    await expect(geo.byPostalCode('US', 'ABCDE')).resolves.toBeNull();
    await expect(geo.byPostalCode('FR', '75001')).resolves.toBeNull();
  });

  it('should place a city at the middle (median) of its ZIP centroids, ignoring case and accents', async () => {
    const austin = await geo.byCity('US', 'Austin', 'TX');
    expect(austin!.lat).toBeCloseTo(30.3, 0);
    expect(austin!.lng).toBeCloseTo(-97.75, 0);
    await expect(geo.byCity(undefined, '  AUSTÍN ', 'tx')).resolves.toEqual(austin);
    const [median] = await t.db.query<{ lat: number; lng: number }[]>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lat) AS lat, percentile_cont(0.5) WITHIN GROUP (ORDER BY lng) AS lng
       FROM postal_code WHERE city = 'Austin' AND region = 'TX'`,
    );
    expect(austin).toEqual({ lat: median.lat, lng: median.lng });
  });

  it('should place New York, NY in Manhattan, whatever a stray ZIP of the source data says', async () => {
    const nyc = await geo.byCity('US', 'New York', 'NY');
    // Midtown Manhattan is at about 40.75, -73.99; the mean of the source's ZIPs once sat on Long Island (-73.05).
    expect(haversineKm(nyc!.lat, nyc!.lng, 40.754, -73.984)).toBeLessThan(5);
    const [zip] = await t.db.query<{ lng: number }[]>(
      `SELECT lng FROM postal_code WHERE country = 'US' AND code = '10200'`,
    );
    expect(zip.lng).toBeCloseTo(-73.95, 2);
  });

  it('should tell apart cities of the same name by state, and answer null for unknown ones', async () => {
    const portlandOr = await geo.byCity('US', 'Portland', 'OR');
    const portlandMe = await geo.byCity('US', 'Portland', 'ME');
    expect(portlandOr!.lng).toBeLessThan(-120);
    expect(portlandMe!.lng).toBeGreaterThan(-71);
    await expect(geo.byCity('US', 'Atlantis', 'TX')).resolves.toBeNull();
    await expect(geo.byCity('US', 'Austin', 'ZZ')).resolves.toBeNull();
  });

  it('should normalise postal codes per country', () => {
    expect(normalizePostalCode('US', '78701-1234')).toBe('78701');
    expect(normalizePostalCode('US', '787011234')).toBe('78701');
    expect(normalizePostalCode('CA', 'm5v 2t6')).toBe('M5V2T6');
  });
});
