import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { createAdmin, registerUser } from './support/users';
import {
  auditRows,
  claim,
  createAssociation,
  expectTrailExplainsStatus,
  importCsv,
  NO_JOBS,
  rosterEntry,
  TestAssociation,
  therapistWithProfile,
  toCsv,
} from './support/verification';

describe('verification: review queue, decisions, audit trail', () => {
  let t: TestApp;
  let a: TestAssociation;
  let other: TestAssociation;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
    a = await createAssociation(t, { name: 'NMT Center' });
    other = await createAssociation(t, { name: 'Other Body' });
  });
  afterAll(() => t.close());

  async function pendingClaim() {
    const entry = rosterEntry({ firstName: 'Robert', lastName: 'Miller', city: 'Denver', region: 'CO' });
    await importCsv(t, a, toCsv([entry])).expect(200);
    const who = await therapistWithProfile(t, { firstName: 'Bob', lastName: 'Miller', displayName: 'Bob Miller NMT' });
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('needs_review');
    return { who, entry, id: res.body.id as string };
  }

  const decide = (id: string, body: object, auth = a.admin.auth) =>
    t.http.post(`/api/v1/certifications/${id}/decision`).set(auth).send(body);

  it("should list the review queue with the claimant's legal name and the roster record", async () => {
    const { who, entry, id } = await pendingClaim();
    const res = await t.http
      .get(`/api/v1/associations/${a.slug}/verifications`)
      .query({ status: 'needs_review', limit: 100 })
      .set(a.admin.auth)
      .expect(200);
    const item = res.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({
      status: 'needs_review',
      claimant: {
        therapistId: who.profile.id,
        firstName: 'Bob',
        lastName: 'Miller',
        middleName: null,
        displayName: 'Bob Miller NMT',
      },
      record: {
        credentialNumber: entry.credentialNumber,
        firstName: 'Robert',
        lastName: 'Miller',
        status: 'active',
        city: 'Denver',
      },
    });
    await t.http.get(`/api/v1/associations/${a.slug}/verifications`).set(other.admin.auth).expect(403);
    await t.http.get(`/api/v1/associations/${a.slug}/verifications`).set(who.user.auth).expect(403);
    await t.http.get('/api/v1/associations/nope-nope/verifications').set(a.admin.auth).expect(404);
    await t.http
      .get(`/api/v1/associations/${a.slug}/verifications`)
      .query({ status: 'maybe' })
      .set(a.admin.auth)
      .expect(400);
  });

  it('should page the review queue', async () => {
    await pendingClaim();
    await pendingClaim();
    const first = await t.http
      .get(`/api/v1/associations/${a.slug}/verifications`)
      .query({ limit: 1 })
      .set(a.admin.auth)
      .expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http
      .get(`/api/v1/associations/${a.slug}/verifications`)
      .query({ limit: 1, cursor: first.body.nextCursor })
      .set(a.admin.auth)
      .expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it("should let the association's admin verify with a reason, audited with the admin as actor", async () => {
    const { id, who } = await pendingClaim();
    const res = await decide(id, { decision: 'verify', reason: 'Bob is Robert; checked his ID.' }).expect(200);
    expect(res.body).toMatchObject({
      id,
      status: 'verified',
      statusReason: 'Verified by NMT Center: Bob is Robert; checked his ID.',
    });
    expect(res.body.verifiedAt).toBeTruthy();
    const trail = await auditRows(t, id);
    expect(trail[trail.length - 1]).toEqual({
      actor: a.admin.id,
      action: 'verified',
      from_status: 'needs_review',
      to_status: 'verified',
      reason: 'Bob is Robert; checked his ID.',
    });
    const own = await t.http.get(`/api/v1/certifications/${id}/audit`).set(who.user.auth).expect(200);
    expect(own.body.items.map((e: { action: string }) => e.action)).toEqual(['submitted', 'verified']);
    expect(own.body.items[1]).toMatchObject({ actor: a.admin.id, fromStatus: 'needs_review', toStatus: 'verified' });
    expect(own.body.items[1].at).toBeTruthy();
  });

  it('should keep an admin verification when a later import changes the record but not its standing', async () => {
    const { id, entry } = await pendingClaim();
    await decide(id, { decision: 'verify', reason: 'Known nickname.' }).expect(200);
    await importCsv(t, a, toCsv([{ ...entry, city: 'Boulder' }])).expect(200);
    const [row] = await t.db.query(
      "SELECT status, last_checked_at > now() - interval '1 minute' AS fresh FROM certification WHERE id = $1",
      [id],
    );
    expect(row).toEqual({ status: 'verified', fresh: true });
    await importCsv(t, a, toCsv([{ ...entry, status: 'suspended' }])).expect(200);
    const [after] = await t.db.query('SELECT status FROM certification WHERE id = $1', [id]);
    expect(after.status).toBe('rejected');
  });

  it('should require a non-empty reason and a known decision', async () => {
    const { id } = await pendingClaim();
    await decide(id, { decision: 'verify' }).expect(400);
    await decide(id, { decision: 'verify', reason: '   ' }).expect(400);
    await decide(id, { decision: 'approve', reason: 'x' }).expect(400);
    await decide('7a1f4a2e-5c55-4a3b-9d7e-9b1a3c1f0000', { decision: 'verify', reason: 'x' }).expect(404);
    await decide('not-a-uuid', { decision: 'verify', reason: 'x' }).expect(400);
  });

  it("should refuse a decision by another association's admin, by the therapist, and by a platform admin", async () => {
    const { id, who } = await pendingClaim();
    await decide(id, { decision: 'verify', reason: 'mine now' }, other.admin.auth).expect(403);
    await decide(id, { decision: 'verify', reason: 'it is me' }, who.user.auth).expect(403);
    const platform = await createAdmin(t, Role.PlatformAdmin);
    await decide(id, { decision: 'verify', reason: 'x' }, platform.auth).expect(403);
    const [row] = await t.db.query('SELECT status FROM certification WHERE id = $1', [id]);
    expect(row.status).toBe('needs_review');
  });

  it('should refuse to verify what the roster revoked, and decisions on withdrawn certifications', async () => {
    const entry = rosterEntry({ status: 'revoked' });
    await importCsv(t, a, toCsv([entry])).expect(200);
    const who = await therapistWithProfile(t);
    const revoked = await claim(t, who, a, entry.credentialNumber).expect(201);
    await decide(revoked.body.id, { decision: 'verify', reason: 'please' }).expect(422);
    const { id, who: owner } = await pendingClaim();
    await t.http.delete(`/api/v1/therapists/me/certifications/${id}`).set(owner.user.auth).expect(204);
    await decide(id, { decision: 'reject', reason: 'gone' }).expect(422);
  });

  it("should let only the owner, that association's admins and platform admins read the trail", async () => {
    const { id, who } = await pendingClaim();
    const url = `/api/v1/certifications/${id}/audit`;
    await t.http.get(url).set(who.user.auth).expect(200);
    await t.http.get(url).set(a.admin.auth).expect(200);
    await t.http
      .get(url)
      .set((await createAdmin(t, Role.PlatformAdmin)).auth)
      .expect(200);
    await t.http
      .get(url)
      .set((await therapistWithProfile(t)).user.auth)
      .expect(403);
    await t.http
      .get(url)
      .set((await registerUser(t, Role.Client)).auth)
      .expect(403);
    await t.http.get(url).set(other.admin.auth).expect(403);
    await t.http.get(url).expect(401);
    await t.http
      .get('/api/v1/certifications/7a1f4a2e-5c55-4a3b-9d7e-9b1a3c1f0000/audit')
      .set(who.user.auth)
      .expect(404);
  });

  it('should make the audit table refuse UPDATE and DELETE in the database itself', async () => {
    const { id } = await pendingClaim();
    await expect(
      t.db.query("UPDATE certification_audit SET reason = 'tampered' WHERE certification_id = $1", [id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM certification_audit WHERE certification_id = $1', [id])).rejects.toThrow(
      /append-only/,
    );
    expect(await auditRows(t, id)).toHaveLength(1);
  });

  it('should refuse a status change that names no actor, so no change escapes the trail', async () => {
    const { id } = await pendingClaim();
    await expect(t.db.query("UPDATE certification SET status = 'verified' WHERE id = $1", [id])).rejects.toThrow(
      /need an actor/,
    );
  });

  it('should keep the trail explaining the state under concurrent decisions', async () => {
    const { id } = await pendingClaim();
    const decisions = ['verify', 'reject', 'verify', 'reject', 'verify', 'reject'].map((decision, i) =>
      decide(id, { decision, reason: `decision ${i}` }),
    );
    const results = await Promise.all(decisions);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await expectTrailExplainsStatus(t, id);
    const trail = await auditRows(t, id);
    for (let i = 1; i < trail.length; i++) {
      expect(trail[i].from_status).toBe(trail[i - 1].to_status);
    }
  });

  it('should keep the trail explaining the state when an import races a decision', async () => {
    const { id, entry } = await pendingClaim();
    const [decision, imported] = await Promise.all([
      decide(id, { decision: 'verify', reason: 'race' }),
      importCsv(t, a, toCsv([{ ...entry, status: 'revoked' }])),
    ]);
    expect(imported.status).toBe(200);
    expect([200, 422]).toContain(decision.status);
    await expectTrailExplainsStatus(t, id);
    const [row] = await t.db.query('SELECT status FROM certification WHERE id = $1', [id]);
    expect(row.status).toBe('rejected');
  });
});
