import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { holderOf } from '../../src/verification/check/check';
import { matchNames, PersonName, sameHolder } from '../../src/verification/check/name-match';
import { Role } from '../../src/users/user.entity';
import { TestApp } from './app';
import { insertProfile, ProfileOverrides, ProfileRow } from './profiles';
import { createAdmin, registerUser, TestUser } from './users';

export interface TestAssociation {
  id: string;
  slug: string;
  name: string;
  admin: TestUser;
}

export interface RosterEntry {
  credentialNumber: string;
  firstName: string;
  lastName: string;
  credentialType: string;
  status: string;
  issuedOn: string;
  middleName?: string;
  expiresOn?: string;
  city?: string;
  region?: string;
}

export const HEADER =
  'credentialNumber,firstName,middleName,lastName,credentialType,status,issuedOn,expiresOn,city,region';

export function rosterEntry(o: Partial<RosterEntry> = {}): RosterEntry {
  return {
    credentialNumber: `NMT-${randomUUID().slice(0, 8)}`,
    firstName: 'Maria',
    lastName: 'Garcia',
    credentialType: 'CNMT',
    status: 'active',
    issuedOn: '2020-01-15',
    expiresOn: '2099-12-31',
    ...o,
  };
}

const csvField = (v: string | undefined) =>
  v === undefined ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

export function toCsv(entries: RosterEntry[]): string {
  const lines = entries.map((e) =>
    [
      e.credentialNumber,
      e.firstName,
      e.middleName,
      e.lastName,
      e.credentialType,
      e.status,
      e.issuedOn,
      e.expiresOn,
      e.city,
      e.region,
    ]
      .map(csvField)
      .join(','),
  );
  return [HEADER, ...lines].join('\n') + '\n';
}

/** An association created through the API, with one admin of its own. */
export async function createAssociation(
  t: TestApp,
  o: { name?: string; credentialTypes?: string[] } = {},
): Promise<TestAssociation> {
  const platform = await createAdmin(t, Role.PlatformAdmin);
  const slug = `assoc-${randomUUID().slice(0, 8)}`;
  const name = o.name ?? 'NMT Center';
  await t.http
    .post('/api/v1/associations')
    .set(platform.auth)
    .send({ slug, name, website: 'https://nmt.example.org', credentialTypes: o.credentialTypes ?? ['CNMT'] })
    .expect(201);
  const [{ id }] = await t.db.query<{ id: string }[]>('SELECT id FROM association WHERE slug = $1', [slug]);
  const admin = await createAdmin(t, Role.AssociationAdmin, id);
  return { id, slug, name, admin };
}

export function importCsv(t: TestApp, a: TestAssociation, csv: string | Buffer, auth = a.admin.auth): request.Test {
  return t.http
    .post(`/api/v1/associations/${a.slug}/records/import`)
    .set(auth)
    .set('Content-Type', 'text/csv')
    .send(csv);
}

export function importJson(t: TestApp, a: TestAssociation, rows: unknown): request.Test {
  return t.http
    .post(`/api/v1/associations/${a.slug}/records/import`)
    .set(a.admin.auth)
    .send(rows as object);
}

export interface TestTherapist {
  user: TestUser;
  profile: ProfileRow;
}

export async function therapistWithProfile(t: TestApp, names: ProfileOverrides = {}): Promise<TestTherapist> {
  const user = await registerUser(t, Role.Therapist);
  return { user, profile: await insertProfile(t, user.id, names) };
}

export function claim(
  t: TestApp,
  who: TestTherapist,
  a: TestAssociation,
  credentialNumber: string,
  extra: object = {},
): request.Test {
  return t.http
    .post('/api/v1/therapists/me/certifications')
    .set(who.user.auth)
    .send({ associationSlug: a.slug, credentialType: 'CNMT', credentialNumber, ...extra });
}

export interface AuditRow {
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: string;
}

export function auditRows(t: TestApp, certificationId: string): Promise<AuditRow[]> {
  return t.db.query<AuditRow[]>(
    'SELECT actor, action, from_status, to_status, reason FROM certification_audit WHERE certification_id = $1 ORDER BY id',
    [certificationId],
  );
}

export async function storedStatus(t: TestApp, certificationId: string): Promise<string> {
  const [row] = await t.db.query<{ status: string }[]>('SELECT status FROM certification WHERE id = $1', [
    certificationId,
  ]);
  return row.status;
}

/** The trail explains the state: the last audit row's toStatus is the stored status. */
export async function expectTrailExplainsStatus(t: TestApp, certificationId: string): Promise<void> {
  const rows = await auditRows(t, certificationId);
  expect(rows[rows.length - 1].to_status).toBe(await storedStatus(t, certificationId));
}

export const NO_JOBS = { EXPIRY_JOB_INTERVAL_SECONDS: '0', NOTICE_DELIVERY_INTERVAL_SECONDS: '0' };

interface VerifiedRow {
  id: string;
  credential_type: string;
  decision: string | null;
  decided_holder: string | null;
  claimant: PersonName;
  record: (PersonName & { credentialType: string; status: string; expiresOn: string | null }) | null;
  shared: boolean;
  today: string;
}

/**
 * The property every verification test ends on: no certification reads as verified unless the association's current
 * record for its number is active, unexpired, and either names that person with that credential type and no one else
 * holds it, or an admin vouched for that same record's holder.
 */
export async function expectNoFalseVerified(t: TestApp): Promise<void> {
  const rows = await t.db.query<VerifiedRow[]>(
    `SELECT c.id, c.credential_type, c.decision, c.decided_holder,
       json_build_object('firstName', p.first_name, 'middleName', p.middle_name, 'lastName', p.last_name) AS claimant,
       CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('firstName', r.first_name, 'middleName', r.middle_name,
         'lastName', r.last_name, 'credentialType', r.credential_type, 'status', r.status,
         'expiresOn', to_char(r.expires_on, 'YYYY-MM-DD')) END AS record,
       EXISTS (SELECT 1 FROM certification o WHERE o.association_id = c.association_id AND o.id <> c.id
         AND o.credential_number_norm = c.credential_number_norm AND o.withdrawn_at IS NULL
         AND certification_effective_status(o.status, o.expires_on) = 'verified') AS shared,
       to_char(current_date, 'YYYY-MM-DD') AS today
     FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id
     LEFT JOIN roster_record r ON r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm
     WHERE c.withdrawn_at IS NULL AND certification_effective_status(c.status, c.expires_on) = 'verified'`,
  );
  const false_ = rows.filter((row) => {
    const r = row.record;
    if (!r || r.status !== 'active' || (r.expiresOn !== null && r.expiresOn < row.today) || row.shared) {
      return true;
    }
    const vouched = row.decision === 'verify' && sameHolder(row.decided_holder, holderOf(r));
    const matches =
      matchNames(row.claimant, r).verdict === 'match' &&
      row.credential_type.trim().toLowerCase() === r.credentialType.trim().toLowerCase();
    return !vouched && !matches;
  });
  expect(false_.map((row) => row.id)).toEqual([]);
}
