import { Client } from 'pg';
import { hashPassword } from '../auth/passwords';
import { SEED_ACTOR } from './credential-rows';
import { upsertAssociations } from './seed-context';

export interface DemoAccount {
  email: string;
  role: string;
  what: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'client@demo.nmt-directory.test', role: 'client', what: 'can post reviews' },
  {
    email: 'therapist@demo.nmt-directory.test',
    role: 'therapist',
    what: 'has a published, verified profile in Austin, TX',
  },
  {
    email: 'nmt-center-admin@demo.nmt-directory.test',
    role: 'association_admin',
    what: 'admin of the nmt-center association',
  },
];

const PROFILE_SQL = `
  INSERT INTO therapist_profile (user_id, first_name, last_name, display_name, bio, practice_name, city, region, postal_code, country,
    lat, lng, location_source, languages, session_lengths, accepting_new_clients, price_min, price_max, price_currency, contact_website)
  SELECT $1, 'Dana', 'Whitfield', 'Dana Whitfield, LMT, CNMT',
    'Certified neuromuscular therapist (American version). I treat low back pain, sciatica and tension headaches.',
    'Whitfield Neuromuscular Therapy', city, region, code, 'US', lat, lng, 'postal_code', '{en,es}', '{60,90}', true, 95, 140, 'USD',
    'https://whitfield-nmt.example'
  FROM postal_code WHERE country = 'US' AND code = '78701'
  RETURNING id`;

async function createUser(
  client: Client,
  account: DemoAccount,
  hash: string,
  associationId: string | null,
): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO app_user (email, password_hash, name, role, association_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [account.email, hash, `Demo ${account.role.replace('_', ' ')}`, account.role, associationId],
  );
  return rows[0]?.id ?? null;
}

async function createDemoProfile(client: Client, userId: string, associationId: string): Promise<void> {
  const { rows } = await client.query<{ id: string }>(PROFILE_SQL, [userId]);
  const profileId = rows[0].id;
  await client.query(
    `INSERT INTO therapist_specialty SELECT $1, unnest('{nmt-american-version,trigger-point-therapy,postural-analysis}'::text[])`,
    [profileId],
  );
  await client.query(
    `INSERT INTO therapist_condition SELECT $1, unnest('{low-back-pain,sciatica,tension-type-headache,neck-pain}'::text[])`,
    [profileId],
  );
  const roster = await client.query<{ id: string }>(
    `INSERT INTO roster_record (association_id, credential_number, credential_number_norm, first_name, last_name, credential_type,
       status, issued_on, expires_on, city, region, content_hash)
     VALUES ($1, 'CNMT-DEMO-0001', 'CNMTDEMO0001', 'Dana', 'Whitfield', 'CNMT', 'active', current_date - 800, current_date + 700,
       'Austin', 'TX', 'demo') ON CONFLICT (association_id, credential_number_norm) DO UPDATE SET updated_at = now() RETURNING id`,
    [associationId],
  );
  const reason = "Matched the association's record: the name agrees and the record is active.";
  const cert = await client.query<{ id: string }>(
    `INSERT INTO certification (therapist_id, association_id, credential_type, credential_number, credential_number_norm, issued_on,
       claimed_expires_on, expires_on, status, status_reason, roster_record_id, verified_at, last_checked_at)
     VALUES ($1, $2, 'CNMT', 'CNMT-DEMO-0001', 'CNMTDEMO0001', current_date - 800, current_date + 700, current_date + 700,
       'verified', $3, $4, now(), now()) RETURNING id`,
    [profileId, associationId, reason, roster.rows[0].id],
  );
  await client.query(
    `INSERT INTO certification_audit (certification_id, actor, action, to_status, reason) VALUES ($1, $2, 'seeded', 'verified', $3)`,
    [cert.rows[0].id, SEED_ACTOR, reason],
  );
}

/** Creates the demo accounts that do not exist yet (triggers off: the caller rebuilds derived data afterwards). */
export async function createDemoAccounts(client: Client, password: string): Promise<void> {
  await client.query('SET session_replication_role = replica');
  try {
    const [nmtCenter] = await upsertAssociations(client);
    const hash = await hashPassword(password);
    await createUser(client, DEMO_ACCOUNTS[0], hash, null);
    const therapistId = await createUser(client, DEMO_ACCOUNTS[1], hash, null);
    if (therapistId) {
      await createDemoProfile(client, therapistId, nmtCenter.id);
    }
    await createUser(client, DEMO_ACCOUNTS[2], hash, nmtCenter.id);
  } finally {
    await client.query('SET session_replication_role = origin');
  }
}
