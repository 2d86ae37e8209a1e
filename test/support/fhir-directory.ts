import { randomUUID } from 'node:crypto';
import { TestApp } from './app';
import { insertProfile, ProfileOverrides } from './profiles';
import { registerUser } from './users';
import { Role } from '../../src/users/user.entity';
import { claim, createAssociation, importCsv, rosterEntry, RosterEntry, TestAssociation, toCsv } from './verification';

/** The point the FHIR tests search around (Austin, TX) and a point `km` north of it. */
export const ORIGIN = { lat: 30.2672, lng: -97.7431 };
export const north = (km: number) => ({ lat: ORIGIN.lat + km / 111.2, lng: ORIGIN.lng });

export interface DirectoryTherapist {
  id: string;
  email: string;
  legal: { firstName: string; lastName: string };
  displayName: string;
  contactEmail: string;
  certificationId?: string;
  /** The roster record the claim was checked against (absent for a number the roster lacks). */
  record?: RosterEntry;
  /** The therapist's own session, to act as the therapist would. */
  auth: { Authorization: string };
}

export interface TherapistSpec extends ProfileOverrides {
  km: number;
  /** How the certification the therapist claims stands in the association's records; none: no claim. */
  record?: 'active' | 'unknown-number' | 'other-name' | 'none';
  firstName: string;
  lastName: string;
  displayName: string;
}

/**
 * A therapist as one signs up: an account through the API, a profile (legal name distinct from the display name,
 * a contact e-mail), and a credential claimed through the API against the association's roster.
 */
export async function addTherapist(
  t: TestApp,
  association: TestAssociation,
  spec: TherapistSpec,
): Promise<DirectoryTherapist> {
  const user = await registerUser(t, Role.Therapist);
  const { km, record = 'active', ...overrides } = spec;
  const profile = await insertProfile(t, user.id, { ...north(km), ...overrides });
  const contactEmail = `practice-${randomUUID().slice(0, 8)}@example.test`;
  await t.db.query('UPDATE therapist_profile SET contact_email = $2, contact_phone = $3 WHERE id = $1', [
    profile.id,
    contactEmail,
    '(512) 555-0100',
  ]);
  const therapist: DirectoryTherapist = {
    id: profile.id,
    email: user.email,
    legal: { firstName: spec.firstName, lastName: spec.lastName },
    displayName: spec.displayName,
    contactEmail,
    auth: user.auth,
  };
  if (record === 'none') {
    return therapist;
  }
  const entry: RosterEntry = rosterEntry({
    firstName: record === 'other-name' ? 'Someone' : spec.firstName,
    lastName: record === 'other-name' ? 'Else' : spec.lastName,
  });
  if (record !== 'unknown-number') {
    await importCsv(t, association, toCsv([entry])).expect(200);
    therapist.record = entry;
  }
  const res = await claim(t, { user, profile }, association, entry.credentialNumber).expect(201);
  therapist.certificationId = (res.body as { id: string }).id;
  return therapist;
}

export interface FhirDirectory {
  association: TestAssociation;
  verified: DirectoryTherapist;
  verifiedFar: DirectoryTherapist;
  unmatched: DirectoryTherapist;
  unpublished: DirectoryTherapist;
  elsewhere: DirectoryTherapist;
}

/** Five therapists around ORIGIN: two verified (1 and 6 km), one unmatched (3 km), one unpublished (2 km), one 400 km away. */
export async function seedFhirDirectory(t: TestApp): Promise<FhirDirectory> {
  const association = await createAssociation(t, { name: 'Neuromuscular Therapy Board', credentialTypes: ['CNMT'] });
  const verified = await addTherapist(t, association, {
    km: 1,
    firstName: 'Margarethe',
    lastName: 'Quistorp',
    displayName: 'Greta Q., LMT',
    conditionSlugs: ['fibromyalgia', 'low-back-pain'],
    specialtySlugs: ['trigger-point-therapy'],
  });
  const verifiedFar = await addTherapist(t, association, {
    km: 6,
    firstName: 'Bartholomew',
    lastName: 'Vandersloot',
    displayName: 'Bart V. Bodywork',
    conditionSlugs: ['neck-pain'],
    specialtySlugs: ['myofascial-release'],
  });
  const unmatched = await addTherapist(t, association, {
    km: 3,
    record: 'unknown-number',
    firstName: 'Ottoline',
    lastName: 'Fairweather',
    displayName: 'Otto F. Massage',
    conditionSlugs: ['fibromyalgia'],
  });
  const unpublished = await addTherapist(t, association, {
    km: 2,
    published: false,
    firstName: 'Hieronymus',
    lastName: 'Blackwood',
    displayName: 'Hidden Hands',
    conditionSlugs: ['fibromyalgia'],
  });
  const elsewhere = await addTherapist(t, association, {
    km: 400,
    firstName: 'Cordelia',
    lastName: 'Ashcombe',
    displayName: 'Cora A., CNMT',
    conditionSlugs: ['fibromyalgia'],
  });
  return { association, verified, verifiedFar, unmatched, unpublished, elsewhere };
}

/** Legal names and e-mail addresses: none of them may appear in anything the FHIR API serves. */
export function privateStrings(d: FhirDirectory): string[] {
  return [d.verified, d.verifiedFar, d.unmatched, d.unpublished, d.elsewhere].flatMap((x) => [
    x.legal.firstName,
    x.legal.lastName,
    x.email,
    x.contactEmail,
  ]);
}
