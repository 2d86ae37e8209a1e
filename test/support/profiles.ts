import { TestApp } from './app';

export interface ProfileRow {
  id: string;
  userId: string;
}

export interface ProfileOverrides {
  id?: string;
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
    `INSERT INTO therapist_profile (id, user_id, first_name, middle_name, last_name, display_name, bio, city, region,
       postal_code, country, lat, lng, location_source, languages, session_lengths, accepting_new_clients, published)
     VALUES (coalesce($17::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'explicit', $13,
       $14, $15, $16) RETURNING id`,
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
      o.id ?? null,
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

/** A complete, valid POST /therapists body (Austin, TX; a real ZIP); override any part. */
export function profileBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Maria',
    lastName: 'Garcia',
    displayName: 'Maria Garcia, LMT',
    bio: 'Neuromuscular therapy for chronic pain and headaches.',
    practice: {
      name: 'Eastside Bodywork',
      addressLine: '100 Congress Ave',
      city: 'Austin',
      region: 'TX',
      postalCode: '78701',
      country: 'US',
    },
    languages: ['en', 'es'],
    sessionLengths: [60, 90],
    acceptingNewClients: true,
    priceRange: { min: 90, max: 140, currency: 'USD' },
    specialtySlugs: ['trigger-point-therapy', 'myofascial-release'],
    conditionSlugs: ['low-back-pain', 'fibromyalgia'],
    contact: { phone: '(512) 555-0142', website: 'https://eastside.example', email: 'hello@eastside.example' },
    ...overrides,
  };
}

/** Inserts an association straight into the database; returns its id. */
export async function insertAssociation(
  t: TestApp,
  slug: string,
  credentialTypes: string[] = ['CNMT'],
): Promise<string> {
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO association (slug, name, website, credential_types) VALUES ($1, $2, $3, $4)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [slug, `Association ${slug}`, `https://${slug}.example`, credentialTypes],
  );
  return row.id;
}

export interface CertificationOverrides {
  status?: string;
  expiresOn?: string | null;
  withdrawn?: boolean;
  credentialNumber?: string;
}

/** Inserts a certification row for a profile (no roster check); returns its id. */
export async function insertCertification(
  t: TestApp,
  therapistId: string,
  associationId: string,
  o: CertificationOverrides = {},
): Promise<string> {
  const number = o.credentialNumber ?? `CN-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const status = o.status ?? 'verified';
  const [row] = await t.db.transaction(async (m) => {
    await m.query(`SELECT set_config('app.actor', 'test-fixture', true)`);
    return m.query<{ id: string }[]>(
      `INSERT INTO certification (therapist_id, association_id, credential_type, credential_number, credential_number_norm,
       expires_on, status, status_reason, verified_at, last_checked_at, withdrawn_at)
     VALUES ($1, $2, 'CNMT', $3, upper(regexp_replace($3, '[\\s-]', '', 'g')), $4, $5, 'test fixture',
       CASE WHEN $5 = 'verified' THEN now() END, now(), CASE WHEN $6 THEN now() END) RETURNING id`,
      [therapistId, associationId, number, o.expiresOn ?? null, status, o.withdrawn ?? false],
    );
  });
  return row.id;
}
