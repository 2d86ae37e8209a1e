import { TOTAL_CAP } from '../src/search/search-sql';
import { Prng } from '../src/seed/prng';
import { createTestApp, TestApp } from './support/app';
import { haversineKm, searchAll, seedTherapist, utcDate } from './support/search';

interface Known {
  id: string;
  lat: number;
  lng: number;
  conditions: string[];
  specialties: string[];
  languages: string[];
  sessionLengths: number[];
  accepting: boolean;
  published: boolean;
  verified: boolean;
  rating: { count: number; sum: number } | null;
}

const CENTER = { lat: 39.74, lng: -104.99 };
const CONDITIONS = ['fibromyalgia', 'low-back-pain', 'neck-pain', 'sciatica'];
const SPECIALTIES = ['trigger-point-therapy', 'myofascial-release'];
const EPS = 1e-6;

describe('Search oracle: results equal a brute-force haversine evaluation', () => {
  let t: TestApp;
  const known: Known[] = [];
  // Seeded, so that a failing case can be replayed.
  const rng = new Prng(20261127);
  const random = () => rng.next();
  const pick = <T>(list: T[]): T => rng.pick(list);
  const subset = <T>(list: T[]): T[] => list.filter(() => random() < 0.4);

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
    for (let i = 0; i < 320; i++) {
      const shared = i % 16 === 0 && known.length ? known[known.length - 1] : null;
      const lat = shared ? shared.lat : CENTER.lat + (random() - 0.5) * 1.2;
      const lng = shared ? shared.lng : CENTER.lng + (random() - 0.5) * 1.6;
      const state = pick([
        'verified',
        'verified',
        'verified',
        'none',
        'expired-yesterday',
        'unmatched',
        'today',
      ] as const);
      const count = random() < 0.3 ? 0 : 1 + Math.floor(random() * 5);
      const rating = count ? { count, sum: count + Math.floor(random() * 4 * count + 0.999) } : null;
      const row: Omit<Known, 'id'> = {
        lat,
        lng,
        conditions: subset(CONDITIONS),
        specialties: subset(SPECIALTIES),
        languages: random() < 0.3 ? ['en', 'es'] : ['en'],
        sessionLengths: random() < 0.5 ? [60, 90] : [60],
        accepting: random() < 0.7,
        published: random() < 0.9,
        verified: state === 'verified' || state === 'today',
        rating,
      };
      const seeded = await seedTherapist(t, {
        lat,
        lng,
        displayName: `Therapist ${i}`,
        conditionSlugs: row.conditions,
        specialtySlugs: row.specialties,
        languages: row.languages,
        sessionLengths: row.sessionLengths,
        acceptingNewClients: row.accepting,
        published: row.published,
        verification: state === 'today' ? { expiresOn: utcDate(0) } : state,
        rating: rating ?? undefined,
      });
      known.push({ ...row, id: seeded.id });
    }
  });

  afterAll(() => t.close());

  function expected(
    params: Record<string, string | number | boolean>,
    lat: number,
    lng: number,
    radius: number,
  ): (Known & { d: number })[] {
    return known
      .map((k) => ({ ...k, d: haversineKm(lat, lng, k.lat, k.lng) }))
      .filter((k) => k.published && k.d <= radius)
      .filter((k) => params.verifiedOnly === false || k.verified)
      .filter((k) => params.condition === undefined || k.conditions.includes(String(params.condition)))
      .filter((k) => params.specialty === undefined || k.specialties.includes(String(params.specialty)))
      .filter((k) => params.language === undefined || k.languages.includes(String(params.language)))
      .filter((k) => params.acceptingNewClients === undefined || k.accepting === params.acceptingNewClients)
      .filter((k) => params.sessionLength === undefined || k.sessionLengths.includes(Number(params.sessionLength)))
      .filter((k) => params.minRating === undefined || (k.rating !== null && average(k) >= Number(params.minRating)));
  }

  const average = (k: Known): number => (k.rating ? Math.round((k.rating.sum / k.rating.count) * 100) / 100 : 0);

  function randomQuery(): {
    params: Record<string, string | number | boolean>;
    lat: number;
    lng: number;
    radius: number;
  } {
    const lat = CENTER.lat + (random() - 0.5) * 1.0;
    const lng = CENTER.lng + (random() - 0.5) * 1.4;
    const radius = pick([5, 10, 25, 40, 80, 150]);
    const params: Record<string, string | number | boolean> = {
      near: `${lat},${lng}`,
      radiusKm: radius,
      limit: 1 + Math.floor(random() * 15),
    };
    if (random() < 0.6) {
      params.condition = pick(CONDITIONS);
    }
    if (random() < 0.2) {
      params.specialty = pick(SPECIALTIES);
    }
    if (random() < 0.15) {
      params.language = 'es';
    }
    if (random() < 0.2) {
      params.acceptingNewClients = random() < 0.5;
    }
    if (random() < 0.15) {
      params.sessionLength = 90;
    }
    if (random() < 0.15) {
      params.minRating = pick([2, 3.5, 4]);
    }
    if (random() < 0.3) {
      params.verifiedOnly = false;
    }
    return { params, lat, lng, radius };
  }

  function assertSameSet(items: { id: string }[], want: (Known & { d: number })[], radius: number): void {
    const got = new Set(items.map((i) => i.id));
    expect(got.size).toBe(items.length);
    for (const k of want) {
      if (k.d <= radius - EPS) {
        expect(got.has(k.id)).toBe(true);
      }
    }
    const allowed = new Set(want.map((k) => k.id));
    for (const id of got) {
      expect(allowed.has(id)).toBe(true);
    }
  }

  it('should match the oracle by distance for many random queries, walking every page', async () => {
    let seen = 0;
    for (let n = 0; n < 30; n++) {
      const { params, lat, lng, radius } = randomQuery();
      const want = expected(params, lat, lng, radius);
      const { items, totals, capped } = await searchAll(t, params);
      seen += items.length;
      assertSameSet(items, want, radius);
      expect(totals.every((total) => total === Math.min(items.length, TOTAL_CAP))).toBe(true);
      expect(capped.every((flag) => flag === items.length > TOTAL_CAP)).toBe(true);
      const byId = new Map(want.map((k) => [k.id, k]));
      items.forEach((item, i) => {
        const d = byId.get(item.id)!.d;
        expect(Math.abs(item.distanceKm - d)).toBeLessThanOrEqual(Math.max(0.005 + d * 0.005, 0.006));
        if (i > 0) {
          const prev = byId.get(items[i - 1].id)!;
          expect(prev.d).toBeLessThanOrEqual(d + EPS);
          if (prev.lat === byId.get(item.id)!.lat && prev.lng === byId.get(item.id)!.lng) {
            expect(prev.id < item.id).toBe(true);
          }
        }
      });
    }
    expect(seen).toBeGreaterThan(200);
  });

  it('should match the oracle by rating (average, then count, then id) on every page', async () => {
    for (let n = 0; n < 20; n++) {
      const { params, lat, lng, radius } = randomQuery();
      params.sort = 'rating';
      const want = expected(params, lat, lng, radius).filter((k) => Math.abs(k.d - radius) > EPS);
      want.sort(
        (a, b) => average(b) - average(a) || (b.rating?.count ?? 0) - (a.rating?.count ?? 0) || (a.id < b.id ? -1 : 1),
      );
      const { items } = await searchAll(t, params);
      const close = new Set(
        expected(params, lat, lng, radius)
          .filter((k) => Math.abs(k.d - radius) <= EPS)
          .map((k) => k.id),
      );
      expect(items.map((i) => i.id).filter((id) => !close.has(id))).toEqual(want.map((k) => k.id));
      items.forEach((item) => {
        const k = known.find((x) => x.id === item.id)!;
        expect(item.rating).toEqual({ average: k.rating ? average(k) : null, count: k.rating?.count ?? 0 });
      });
    }
  });

  it('should return the same set for relevance in a deterministic order, paged or not', async () => {
    for (let n = 0; n < 15; n++) {
      const { params, lat, lng, radius } = randomQuery();
      params.sort = 'relevance';
      if (n % 2 === 0) {
        params.q = pick(['therapist', 'Therapst 1', 'therapist 27']);
      }
      const want = expected(params, lat, lng, radius);
      const paged = await searchAll(t, params);
      const whole = await searchAll(t, { ...params, limit: 100 });
      expect(paged.items.map((i) => i.id)).toEqual(whole.items.map((i) => i.id));
      if (params.q === undefined) {
        assertSameSet(paged.items, want, radius);
      } else {
        const allowed = new Set(want.map((k) => k.id));
        expect(paged.items.every((i) => allowed.has(i.id))).toBe(true);
      }
    }
  });
});
