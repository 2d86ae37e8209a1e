import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { insertProfile } from './support/profiles';
import { registerUser } from './support/users';
import {
  auditRows,
  claim,
  createAssociation,
  importCsv,
  NO_JOBS,
  rosterEntry,
  TestAssociation,
  therapistWithProfile,
  toCsv,
} from './support/verification';

describe('certifications: the automatic check', () => {
  let t: TestApp;
  let a: TestAssociation;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
    a = await createAssociation(t, { name: 'NMT Center' });
  });
  afterAll(() => t.close());

  const roster = (...entries: ReturnType<typeof rosterEntry>[]) => importCsv(t, a, toCsv(entries)).expect(200);

  it('should verify an exact match at once and record who submitted it', async () => {
    const entry = rosterEntry({ firstName: 'Maria', lastName: 'Garcia', expiresOn: '2031-06-30' });
    await roster(entry);
    const who = await therapistWithProfile(t, { firstName: 'Maria', lastName: 'Garcia' });
    const res = await claim(t, who, a, entry.credentialNumber, { expiresOn: '2030-01-01' }).expect(201);
    expect(res.body).toMatchObject({
      associationSlug: a.slug,
      credentialType: 'CNMT',
      credentialNumber: entry.credentialNumber,
      status: 'verified',
      expiresOn: '2031-06-30',
      claimedExpiresOn: '2030-01-01',
    });
    expect(res.body.statusReason).toMatch(/Verified against NMT Center's records/);
    expect(res.body.verifiedAt).toBeTruthy();
    expect(res.body.lastCheckedAt).toBeTruthy();
    expect(await auditRows(t, res.body.id)).toEqual([
      {
        actor: who.user.id,
        action: 'submitted',
        from_status: null,
        to_status: 'verified',
        reason: res.body.statusReason,
      },
    ]);
  });

  it('should match through accents, case, punctuation and number formatting', async () => {
    const entry = rosterEntry({
      credentialNumber: 'NMT-77-AB',
      firstName: 'José',
      lastName: "O'Muñoz-Peña",
      middleName: 'Luis',
    });
    await roster(entry);
    const who = await therapistWithProfile(t, { firstName: 'JOSE', lastName: 'o muñoz pena' });
    const res = await claim(t, who, a, ' nmt 77ab ').expect(201);
    expect(res.body.status).toBe('verified');
  });

  it('should leave a near-miss number unmatched, then verify it when an import adds the record', async () => {
    const entry = rosterEntry({ credentialNumber: 'LATE-100', firstName: 'Ivy', lastName: 'Chen' });
    await roster(rosterEntry({ credentialNumber: 'LATE-101', firstName: 'Ivy', lastName: 'Chen' }));
    const who = await therapistWithProfile(t, { firstName: 'Ivy', lastName: 'Chen' });
    const res = await claim(t, who, a, 'LATE-100').expect(201);
    expect(res.body).toMatchObject({ status: 'unmatched' });
    expect(res.body.statusReason).toMatch(/no record with this credential number/);
    await roster(entry);
    const list = await t.http.get('/api/v1/therapists/me/certifications').set(who.user.auth).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, status: 'verified' });
    const trail = await auditRows(t, res.body.id);
    expect(trail[1]).toMatchObject({
      actor: 'system:import',
      action: 'rechecked',
      from_status: 'unmatched',
      to_status: 'verified',
    });
  });

  it.each([
    [
      'a known nickname',
      { firstName: 'Bob', lastName: 'Miller' },
      { firstName: 'Robert', lastName: 'Miller' },
      /short form/,
    ],
    [
      'a partial surname',
      { firstName: 'Ana', lastName: 'Garcia' },
      { firstName: 'Ana', lastName: 'Garcia-Lopez' },
      /part of the last name/,
    ],
    [
      'swapped first and last names',
      { firstName: 'Nguyen', lastName: 'Linh' },
      { firstName: 'Linh', lastName: 'Nguyen' },
      /swapped/,
    ],
  ])('should send %s to needs_review', async (_title, profile, record, reason) => {
    const entry = rosterEntry(record);
    await roster(entry);
    const who = await therapistWithProfile(t, profile);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('needs_review');
    expect(res.body.statusReason).toMatch(reason);
  });

  it('should send a differing credential type to needs_review', async () => {
    const entry = rosterEntry({ firstName: 'Maria', lastName: 'Garcia', credentialType: 'NMT Level 2' });
    await roster(entry);
    const who = await therapistWithProfile(t);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body).toMatchObject({ status: 'needs_review' });
    expect(res.body.statusReason).toMatch(/credential type differs/);
  });

  it("should reject a therapist claiming another person's number", async () => {
    const entry = rosterEntry({ firstName: 'Maria', lastName: 'Garcia' });
    await roster(entry);
    const impostor = await therapistWithProfile(t, { firstName: 'Terry', lastName: 'Pratchett' });
    const res = await claim(t, impostor, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('rejected');
    expect(res.body.statusReason).toMatch(/belongs to someone else/);
  });

  it('should send a second claimant of a verified number to needs_review (one credential, one person)', async () => {
    const entry = rosterEntry({ firstName: 'Maria', lastName: 'Garcia' });
    await roster(entry);
    const first = await therapistWithProfile(t);
    expect((await claim(t, first, a, entry.credentialNumber).expect(201)).body.status).toBe('verified');
    const second = await therapistWithProfile(t);
    const res = await claim(t, second, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('needs_review');
    expect(res.body.statusReason).toMatch(/Another profile already holds this credential number verified/);
  });

  it.each([
    ['revoked', { status: 'revoked' }, 'rejected', /revoked/],
    ['suspended', { status: 'suspended' }, 'rejected', /suspended/],
    [
      'expired on the roster',
      { status: 'expired', expiresOn: '2099-01-01' },
      'expired',
      /lists this credential as expired/,
    ],
    ['past its expiry date', { expiresOn: '2021-01-01' }, 'expired', /expired on 2021-01-01/],
  ])('should decide a record that is %s', async (_title, overrides, status, reason) => {
    const entry = rosterEntry(overrides);
    await roster(entry);
    const who = await therapistWithProfile(t);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe(status);
    expect(res.body.statusReason).toMatch(reason);
  });

  it('should use the claimed expiry when the record has none', async () => {
    const entry = rosterEntry({ expiresOn: undefined });
    await roster(entry);
    const who = await therapistWithProfile(t);
    const past = await claim(t, who, a, entry.credentialNumber, { expiresOn: '2022-02-28' }).expect(201);
    expect(past.body).toMatchObject({ status: 'expired', expiresOn: '2022-02-28' });
  });

  it('should take the badge off at once when an import revokes the record', async () => {
    const entry = rosterEntry();
    await roster(entry);
    const who = await therapistWithProfile(t);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('verified');
    await roster({ ...entry, status: 'revoked' });
    const list = await t.http.get('/api/v1/therapists/me/certifications').set(who.user.auth).expect(200);
    expect(list.body.items[0]).toMatchObject({ status: 'rejected' });
    const trail = await auditRows(t, res.body.id);
    expect(trail[trail.length - 1]).toMatchObject({
      actor: 'system:import',
      from_status: 'verified',
      to_status: 'rejected',
    });
  });

  it('should refuse a duplicate claim (409), unknown associations (422), missing profiles (422) and bad input (400)', async () => {
    const entry = rosterEntry();
    await roster(entry);
    const who = await therapistWithProfile(t);
    await claim(t, who, a, entry.credentialNumber).expect(201);
    await claim(t, who, a, entry.credentialNumber.toLowerCase().replace('-', ' ')).expect(409);
    await t.http
      .post('/api/v1/therapists/me/certifications')
      .set(who.user.auth)
      .send({ associationSlug: 'no-such', credentialType: 'CNMT', credentialNumber: 'X1' })
      .expect(422);
    const bare = await registerUser(t, Role.Therapist);
    await t.http
      .post('/api/v1/therapists/me/certifications')
      .set(bare.auth)
      .send({ associationSlug: a.slug, credentialType: 'CNMT', credentialNumber: 'X1' })
      .expect(422);
    const impossible = await claim(t, who, a, 'X2', { expiresOn: '2025-02-30' }).expect(400);
    expect(impossible.body.errors[0].field).toBe('expiresOn');
    await claim(t, who, a, 'X3', { extra: true }).expect(400);
    await claim(t, who, a, '---').expect(400);
    await claim(t, who, a, 'X4', { issuedOn: '2024-05-01', expiresOn: '2024-01-01' }).expect(422);
    const client = await registerUser(t, Role.Client);
    await t.http
      .post('/api/v1/therapists/me/certifications')
      .set(client.auth)
      .send({ associationSlug: a.slug, credentialType: 'CNMT', credentialNumber: 'X1' })
      .expect(403);
  });

  it("should withdraw a certification: 204, off the list, trail kept; someone else's id is 404", async () => {
    const entry = rosterEntry();
    await roster(entry);
    const who = await therapistWithProfile(t);
    const other = await therapistWithProfile(t);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    await t.http.delete(`/api/v1/therapists/me/certifications/${res.body.id}`).set(other.user.auth).expect(404);
    await t.http.delete(`/api/v1/therapists/me/certifications/${res.body.id}`).set(who.user.auth).expect(204);
    await t.http.delete(`/api/v1/therapists/me/certifications/${res.body.id}`).set(who.user.auth).expect(404);
    const list = await t.http.get('/api/v1/therapists/me/certifications').set(who.user.auth).expect(200);
    expect(list.body.items).toEqual([]);
    const trail = await auditRows(t, res.body.id);
    expect(trail.map((r) => r.action)).toEqual(['submitted', 'withdrawn']);
    expect(trail[1]).toMatchObject({ actor: who.user.id, to_status: 'verified' });
    await claim(t, who, a, entry.credentialNumber).expect(201);
  });

  it('should page the own list', async () => {
    const who = await therapistWithProfile(t);
    for (const n of ['PG-1', 'PG-2', 'PG-3']) {
      await claim(t, who, a, n).expect(201);
    }
    const first = await t.http
      .get('/api/v1/therapists/me/certifications')
      .query({ limit: 2 })
      .set(who.user.auth)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    const next = await t.http
      .get('/api/v1/therapists/me/certifications')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(who.user.auth)
      .expect(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
  });

  it('should never let a profile row bypass the check: the legal name comes from the profile', async () => {
    const entry = rosterEntry({ firstName: 'Grete', lastName: 'Strauss' });
    await roster(entry);
    const user = await registerUser(t, Role.Therapist);
    await insertProfile(t, user.id, { firstName: 'Grete', lastName: 'Strauß' });
    const res = await t.http
      .post('/api/v1/therapists/me/certifications')
      .set(user.auth)
      .send({ associationSlug: a.slug, credentialType: 'cnmt', credentialNumber: entry.credentialNumber })
      .expect(201);
    expect(res.body.status).toBe('verified');
  });
});
