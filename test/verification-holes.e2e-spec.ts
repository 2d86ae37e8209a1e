import { Client } from 'pg';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { profileBody } from './support/profiles';
import { registerUser, TestUser } from './support/users';
import {
  auditRows,
  createAssociation,
  expectNoFalseVerified,
  importCsv,
  NO_JOBS,
  rosterEntry,
  storedStatus,
  TestAssociation,
  toCsv,
} from './support/verification';

/** A therapist who made their profile through the API, as a therapist does. */
async function therapist(t: TestApp, firstName: string, lastName: string): Promise<TestUser & { profileId: string }> {
  const user = await registerUser(t, Role.Therapist);
  const res = await t.http
    .post('/api/v1/therapists')
    .set(user.auth)
    .send(profileBody({ firstName, lastName, displayName: `${firstName} ${lastName}`.slice(0, 120) }))
    .expect(201);
  return { ...user, profileId: res.body.id as string };
}

async function claimAs(t: TestApp, who: TestUser, a: TestAssociation, number: string, type = 'CNMT') {
  const res = await t.http
    .post('/api/v1/therapists/me/certifications')
    .set(who.auth)
    .send({ associationSlug: a.slug, credentialType: type, credentialNumber: number })
    .expect(201);
  return res.body as { id: string; status: string; statusReason: string };
}

const decide = (
  t: TestApp,
  a: TestAssociation,
  id: string,
  decision: 'verify' | 'reject',
  reason = 'Checked by phone.',
) => t.http.post(`/api/v1/certifications/${id}/decision`).set(a.admin.auth).send({ decision, reason });

describe('no path to a false "verified"', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
  });
  afterAll(() => t.close());
  afterEach(() => expectNoFalseVerified(t));

  describe('an admin decision racing a roster import that revokes the record', () => {
    /** Resolves once `count` backends of the app wait on a lock (row or advisory). */
    async function waitingOnLocks(count: number): Promise<void> {
      for (let i = 0; i < 400; i++) {
        const [row] = await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (row.n >= count) {
          return;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`fewer than ${count} backends waited on a lock`);
    }

    async function pendingClaim(a: TestAssociation, number: string) {
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: number, firstName: 'Dana', lastName: 'Reyes', credentialType: 'LMT' })]),
      ).expect(200);
      const who = await therapist(t, 'Dana', 'Reyes');
      const claim = await claimAs(t, who, a, number); // CNMT against an LMT record: needs review
      expect(claim.status).toBe('needs_review');
      return claim;
    }

    it('should refuse the decision when the import got there first, even if the decision was sent while it ran', async () => {
      const a = await createAssociation(t);
      const claim = await pendingClaim(a, 'RACE-1');
      // Hold the certification's row so the import stops inside its transaction, after it has changed the record.
      const holder = new Client({ connectionString: t.env.DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM certification WHERE id = $1 FOR UPDATE', [claim.id]);
        const revoked = toCsv([
          rosterEntry({
            credentialNumber: 'RACE-1',
            firstName: 'Dana',
            lastName: 'Reyes',
            credentialType: 'LMT',
            status: 'revoked',
          }),
        ]);
        const importing = importCsv(t, a, revoked).then((r) => r);
        await waitingOnLocks(1); // the import, stopped at the certification after changing the record
        const deciding = decide(t, a, claim.id, 'verify').then((r) => r);
        await waitingOnLocks(2); // and the decision behind it
        await holder.query('ROLLBACK');
        expect((await importing).status).toBe(200);
        const decision = await deciding;
        expect(decision.status).toBe(422);
        expect(decision.body.detail).toMatch(/revoked/);
      } finally {
        await holder.end();
      }
      expect(await storedStatus(t, claim.id)).toBe('rejected');
      const lookup = await t.http
        .get('/api/v1/verify')
        .query({ association: a.slug, credentialNumber: 'RACE-1' })
        .expect(200);
      expect(lookup.body).toMatchObject({ recordStatus: 'revoked', verifiedProfile: null });
    });

    it('should never end verified on a revoked record, whichever of the two comes first (30 rounds)', async () => {
      const a = await createAssociation(t);
      for (let round = 0; round < 30; round++) {
        const number = `ROUND-${round}`;
        const claim = await pendingClaim(a, number);
        const revoked = toCsv([
          rosterEntry({
            credentialNumber: number,
            firstName: 'Dana',
            lastName: 'Reyes',
            credentialType: 'LMT',
            status: 'revoked',
          }),
        ]);
        const delay = (round % 6) * 4;
        const [imported, decided] = await Promise.all([
          importCsv(t, a, revoked).then((r) => r),
          new Promise((r) => setTimeout(r, delay)).then(() => decide(t, a, claim.id, 'verify')),
        ]);
        expect(imported.status).toBe(200);
        expect([200, 422]).toContain(decided.status);
        expect(await storedStatus(t, claim.id)).toBe('rejected');
        const trail = await auditRows(t, claim.id);
        expect(trail[trail.length - 1].to_status).toBe('rejected');
      }
    });
  });

  describe('a change of the legal name', () => {
    it('should check every credential again at once, with an audit entry by the therapist', async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'QT-1', firstName: 'Quinn', lastName: 'Taylor' })]),
      ).expect(200);
      const quinn = await therapist(t, 'Quinn', 'Taylor');
      const claim = await claimAs(t, quinn, a, 'QT-1');
      expect(claim.status).toBe('verified');
      const own = await t.http.get('/api/v1/therapists/me').set(quinn.auth).expect(200);
      await t.http
        .patch('/api/v1/therapists/me')
        .set(quinn.auth)
        .send({ version: own.body.version, firstName: 'Rachel', lastName: 'Greenberg' })
        .expect(200);
      expect(await storedStatus(t, claim.id)).toBe('rejected');
      const profile = await t.http.get(`/api/v1/therapists/${quinn.profileId}`).expect(200);
      expect(profile.body.verified).toBe(false);
      const trail = await auditRows(t, claim.id);
      expect(trail[trail.length - 1]).toMatchObject({
        actor: quinn.id,
        action: 'rechecked',
        from_status: 'verified',
        to_status: 'rejected',
      });
      expect(trail[trail.length - 1].reason).toMatch(/legal name on the profile changed/);
    });

    it('should keep a credential the new name still matches, and say so in the trail', async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'MR-1', firstName: 'Maria', middleName: 'Elena', lastName: 'Ruiz' })]),
      ).expect(200);
      const maria = await therapist(t, 'Maria', 'Ruiz');
      const claim = await claimAs(t, maria, a, 'MR-1');
      const own = await t.http.get('/api/v1/therapists/me').set(maria.auth).expect(200);
      await t.http
        .patch('/api/v1/therapists/me')
        .set(maria.auth)
        .send({ version: own.body.version, middleName: 'Elena' })
        .expect(200);
      expect(await storedStatus(t, claim.id)).toBe('verified');
      const trail = await auditRows(t, claim.id);
      expect(trail[trail.length - 1]).toMatchObject({
        actor: maria.id,
        from_status: 'verified',
        to_status: 'verified',
      });
      expect(trail[trail.length - 1].reason).toMatch(/unchanged/);
    });

    it("should void an admin's decision: it vouched for the old name", async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'PQ-1', firstName: 'Margaret', lastName: 'Quinn' })]),
      ).expect(200);
      const peggy = await therapist(t, 'Peggy', 'Quinn');
      const claim = await claimAs(t, peggy, a, 'PQ-1');
      await decide(t, a, claim.id, 'verify', 'Peggy is her usual name; ID seen.').expect(200);
      const own = await t.http.get('/api/v1/therapists/me').set(peggy.auth).expect(200);
      await t.http
        .patch('/api/v1/therapists/me')
        .set(peggy.auth)
        .send({ version: own.body.version, firstName: 'Penelope' })
        .expect(200);
      expect(await storedStatus(t, claim.id)).toBe('needs_review');
      const [row] = await t.db.query('SELECT decision, decided_holder FROM certification WHERE id = $1', [claim.id]);
      expect(row).toEqual({ decision: null, decided_holder: null });
    });
  });

  describe("an admin's decision vouches for one record's holder", () => {
    it('should send the claim back to review when an import names someone else on that record', async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'NMT-4620', firstName: 'Margaret', lastName: 'Quinn' })]),
      ).expect(200);
      const peggy = await therapist(t, 'Peggy', 'Quinn');
      const claim = await claimAs(t, peggy, a, 'NMT-4620');
      expect(claim.status).toBe('needs_review');
      await decide(t, a, claim.id, 'verify', 'Peggy is a known short form of Margaret; ID checked.').expect(200);
      expect(await storedStatus(t, claim.id)).toBe('verified');
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'NMT-4620', firstName: 'Xavier', lastName: 'Dunn' })]),
      ).expect(200);
      expect(await storedStatus(t, claim.id)).toBe('needs_review');
      const own = await t.http.get('/api/v1/therapists/me/certifications').set(peggy.auth).expect(200);
      expect(own.body.items[0].statusReason).toMatch(/now names Xavier Dunn/);
      const trail = await auditRows(t, claim.id);
      expect(trail[trail.length - 1]).toMatchObject({
        actor: 'system:import',
        from_status: 'verified',
        to_status: 'needs_review',
      });
    });

    it('should keep the decision when a re-import leaves the holder as it was', async () => {
      const a = await createAssociation(t);
      const record = rosterEntry({ credentialNumber: 'KEEP-1', firstName: 'Margaret', lastName: 'Quinn' });
      await importCsv(t, a, toCsv([record])).expect(200);
      const peggy = await therapist(t, 'Peggy', 'Quinn');
      const claim = await claimAs(t, peggy, a, 'KEEP-1');
      await decide(t, a, claim.id, 'verify').expect(200);
      await importCsv(t, a, toCsv([{ ...record, firstName: 'MARGARET', city: 'Austin' }])).expect(200);
      expect(await storedStatus(t, claim.id)).toBe('verified');
    });

    it('should refuse to vouch for a record that does not exist', async () => {
      const a = await createAssociation(t);
      const nobody = await therapist(t, 'Nora', 'Blake');
      const claim = await claimAs(t, nobody, a, 'NO-RECORD-1');
      expect(claim.status).toBe('unmatched');
      const res = await decide(t, a, claim.id, 'verify').expect(422);
      expect(res.body.detail).toMatch(/no record/);
      expect(await storedStatus(t, claim.id)).toBe('unmatched');
    });

    it('should refuse to make a second person the verified holder of one number', async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'ONE-1', firstName: 'Ana', lastName: 'Lee' })]),
      ).expect(200);
      const ana = await therapist(t, 'Ana', 'Lee');
      expect((await claimAs(t, ana, a, 'ONE-1')).status).toBe('verified');
      const other = await therapist(t, 'Ana', 'Li');
      const second = await claimAs(t, other, a, 'ONE-1');
      expect(second.status).toBe('needs_review');
      const res = await decide(t, a, second.id, 'verify').expect(422);
      expect(res.body.detail).toMatch(/one credential belongs to one person/);
    });
  });

  describe('names and numbers as real rosters and people write them', () => {
    it('should match a number with invisible characters pasted into it', async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'ZW-1001', firstName: 'Lena', lastName: 'Park' })]),
      ).expect(200);
      const lena = await therapist(t, 'Lena', 'Park');
      const claim = await claimAs(t, lena, a, '\uFEFFZW-\u200B1001');
      expect(claim.status).toBe('verified');
    });

    it('should refuse a legal name with symbols in it, naming the field', async () => {
      const user = await registerUser(t, Role.Therapist);
      const res = await t.http
        .post('/api/v1/therapists')
        .set(user.auth)
        .send(profileBody({ firstName: 'Anna 🌸', lastName: 'Berg' }))
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'firstName', message: 'firstName may contain only letters, spaces, hyphens, apostrophes and periods' },
      ]);
    });

    it('should take legal names as long as a roster may hold (200 characters), and verify them', async () => {
      const a = await createAssociation(t);
      const long = `${'Abcdefghij'.repeat(19)}Abcdefghij`;
      expect(long).toHaveLength(200);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'LONG-1', firstName: 'Sam', lastName: long })]),
      ).expect(200);
      const sam = await therapist(t, 'Sam', long);
      expect((await claimAs(t, sam, a, 'LONG-1')).status).toBe('verified');
    });

    it('should send a Cyrillic name against its Latin spelling to review, not reject it', async () => {
      const a = await createAssociation(t);
      await importCsv(
        t,
        a,
        toCsv([rosterEntry({ credentialNumber: 'CY-1', firstName: 'Natalya', lastName: 'Ivanova' })]),
      ).expect(200);
      const natalya = await therapist(t, 'Наталья', 'Иванова');
      const claim = await claimAs(t, natalya, a, 'CY-1');
      expect(claim.status).toBe('needs_review');
      expect(claim.statusReason).toMatch(/different scripts/);
    });
  });
});
