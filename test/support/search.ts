import { randomUUID } from 'node:crypto';
import { TestApp } from './app';
import { insertProfile, ProfileOverrides } from './profiles';

export type Verification = 'none' | 'verified' | 'expired-yesterday' | 'unmatched' | { expiresOn: string | null };

export interface SearchTherapist extends ProfileOverrides {
  verification?: Verification;
  rating?: { count: number; sum: number };
}

export interface SeededTherapist {
  id: string;
  lat: number;
  lng: number;
}

export const SEARCH_PATH = '/api/v1/search/therapists';

/** The UTC date `days` from today, as YYYY-MM-DD. */
export function utcDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function association(t: TestApp): Promise<string> {
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO association (slug, name, credential_types) VALUES ('search-assoc', 'Search Association', '{LMT}')
     ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id`,
  );
  return row.id;
}

export async function addCertification(
  t: TestApp,
  therapistId: string,
  status: string,
  expiresOn: string | null,
): Promise<string> {
  const associationId = await association(t);
  const number = `LMT-${randomUUID().slice(0, 12)}`;
  const [row] = await asActor<{ id: string }[]>(
    t,
    `INSERT INTO certification (therapist_id, association_id, credential_type, credential_number, credential_number_norm,
       expires_on, claimed_expires_on, status, status_reason, verified_at)
     VALUES ($1, $2, 'LMT', $3, $4, $5, $5, $6, 'test', CASE WHEN $6 = 'verified' THEN now() END) RETURNING id`,
    [therapistId, associationId, number, number.replace(/-/g, '').toUpperCase(), expiresOn, status],
  );
  return row.id;
}

/** Runs one statement as the test actor (certification status changes are audited and need one). */
export function asActor<T>(t: TestApp, sql: string, params: unknown[]): Promise<T> {
  return t.db.transaction(async (manager) => {
    await manager.query(`SELECT set_config('app.actor', 'test', true)`);
    return manager.query<T>(sql, params);
  });
}

export async function setRating(t: TestApp, therapistId: string, count: number, sum: number): Promise<void> {
  await t.db.query(
    `INSERT INTO therapist_rating (therapist_id, count, sum) VALUES ($1, $2, $3)
     ON CONFLICT (therapist_id) DO UPDATE SET count = excluded.count, sum = excluded.sum`,
    [therapistId, count, sum],
  );
}

/** A therapist user and profile inserted by SQL (no password hashing), plus certification and rating as asked. */
export async function seedTherapist(t: TestApp, o: SearchTherapist = {}): Promise<SeededTherapist> {
  const [user] = await t.db.query<{ id: string }[]>(
    `INSERT INTO app_user (email, password_hash, name, role) VALUES ($1, 'x', 'Search Therapist', 'therapist') RETURNING id`,
    [`search-${randomUUID()}@example.test`],
  );
  const profile = await insertProfile(t, user.id, o);
  const verification = o.verification ?? 'verified';
  if (verification === 'verified') {
    await addCertification(t, profile.id, 'verified', utcDate(365));
  } else if (verification === 'expired-yesterday') {
    await addCertification(t, profile.id, 'verified', utcDate(-1));
  } else if (verification === 'unmatched') {
    await addCertification(t, profile.id, 'unmatched', null);
  } else if (typeof verification === 'object') {
    await addCertification(t, profile.id, 'verified', verification.expiresOn);
  }
  if (o.rating) {
    await setRating(t, profile.id, o.rating.count, o.rating.sum);
  }
  return { id: profile.id, lat: o.lat ?? 30.2711, lng: o.lng ?? -97.7437 };
}

/** Great-circle distance in km (haversine, on the sphere earthdistance uses). */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6378.168 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface SearchPage {
  items: {
    id: string;
    distanceKm: number;
    displayName: string;
    rating: { average: number | null; count: number };
    credentials: { associationSlug: string; credentialType: string; status: string }[];
    [k: string]: unknown;
  }[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  query: Record<string, unknown>;
}

/** Walks every page of a search through nextCursor and returns all items in order. */
export async function searchAll(
  t: TestApp,
  params: Record<string, string | number | boolean>,
): Promise<{ items: SearchPage['items']; totals: number[]; capped: boolean[] }> {
  const items: SearchPage['items'] = [];
  const totals: number[] = [];
  const capped: boolean[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string | number | boolean> = cursor ? { ...params, cursor } : params;
    const res = await t.http.get(SEARCH_PATH).query(query).expect(200);
    const page = res.body as SearchPage;
    items.push(...page.items);
    totals.push(page.total);
    capped.push(page.totalCapped);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, totals, capped };
}
