import { TestApp } from './app';

export interface ProfileRow {
  id: string;
  userId: string;
}

export interface ProfileOverrides {
  firstName?: string;
  middleName?: string | null;
  lastName?: string;
  displayName?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  lat?: number;
  lng?: number;
  published?: boolean;
  acceptingNewClients?: boolean;
  languages?: string[];
  sessionLengths?: number[];
  bio?: string;
  conditionSlugs?: string[];
  specialtySlugs?: string[];
}

/** Inserts a therapist profile straight into the database (for tests of features built on top of profiles). */
export async function insertProfile(t: TestApp, userId: string, o: ProfileOverrides = {}): Promise<ProfileRow> {
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO therapist_profile (user_id, first_name, middle_name, last_name, display_name, bio, city, region, postal_code,
       country, lat, lng, location_source, languages, session_lengths, accepting_new_clients, published)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'explicit', $13, $14, $15, $16) RETURNING id`,
    [
      userId,
      o.firstName ?? 'Maria',
      o.middleName ?? null,
      o.lastName ?? 'Garcia',
      o.displayName ?? `${o.firstName ?? 'Maria'} ${o.lastName ?? 'Garcia'}, LMT`,
      o.bio ?? 'Neuromuscular therapy for chronic pain.',
      o.city ?? 'Austin',
      o.region ?? 'TX',
      o.postalCode ?? '78701',
      o.country ?? 'US',
      o.lat ?? 30.2711,
      o.lng ?? -97.7437,
      o.languages ?? ['en'],
      o.sessionLengths ?? [60, 90],
      o.acceptingNewClients ?? true,
      o.published ?? true,
    ],
  );
  for (const slug of o.conditionSlugs ?? []) {
    await t.db.query('INSERT INTO therapist_condition (therapist_id, condition_slug) VALUES ($1, $2)', [row.id, slug]);
  }
  for (const slug of o.specialtySlugs ?? []) {
    await t.db.query('INSERT INTO therapist_specialty (therapist_id, specialty_slug) VALUES ($1, $2)', [row.id, slug]);
  }
  return { id: row.id, userId };
}
