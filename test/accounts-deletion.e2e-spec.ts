import { ERASED_ACTOR } from '../src/accounts/erasure.repository';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { keptMail } from './support/mail';
import { establishedClient, postReview } from './support/reviews';
import { SEARCH_PATH } from './support/search';
import { tokenFrom } from './support/smtp';
import { createAdmin, registerUser, TEST_PASSWORD, TestUser } from './support/users';
import {
  claim,
  createAssociation,
  importCsv,
  NO_JOBS,
  rosterEntry,
  TestAssociation,
  therapistWithProfile,
  toCsv,
} from './support/verification';

describe('account deletion and export', () => {
  let t: TestApp;
  let a: TestAssociation;
  beforeAll(async () => {
    // Search answers are otherwise cached for SEARCH_CACHE_MAX_AGE_SECONDS, as for any change to a profile.
    t = await createTestApp({ ...NO_JOBS, SEARCH_CACHE_MAX_AGE_SECONDS: '0' });
    a = await createAssociation(t, { name: 'NMT Center' });
  });
  afterAll(() => t.close());

  const remove = (user: TestUser, password = TEST_PASSWORD) =>
    t.http.delete('/api/v1/auth/me').set(user.auth).send({ password });

  /** A published therapist in Austin with a verified credential whose decision an admin also recorded. */
  async function verifiedTherapist() {
    const entry = rosterEntry();
    await importCsv(t, a, toCsv([entry])).expect(200);
    const who = await therapistWithProfile(t, { conditionSlugs: ['neck-pain'] });
    const cert = await claim(t, who, a, entry.credentialNumber).expect(201);
    await t.http
      .post(`/api/v1/certifications/${cert.body.id as string}/decision`)
      .set(a.admin.auth)
      .send({ decision: 'verify', reason: `Checked with Maria Garcia's employer` })
      .expect(200);
    return { who, entry, certId: cert.body.id as string };
  }

  const searchIds = async () => {
    const res = await t.http.get(SEARCH_PATH).query({ near: '30.2711,-97.7437', limit: 100 }).expect(200);
    return (res.body.items as { id: string }[]).map((i) => i.id);
  };

  it("should take a therapist's profile out of search and its page at once, and keep the audit events without the person", async () => {
    const { who, entry, certId } = await verifiedTherapist();
    const page = `/api/v1/therapists/${who.profile.id}`;
    await t.http.get(page).expect(200);
    expect(await searchIds()).toContain(who.profile.id);

    await remove(who.user, 'not the password').expect(403);
    await t.http.get(page).expect(200);

    await remove(who.user).expect(204);
    await t.http.get(page).expect(404);
    expect(await searchIds()).not.toContain(who.profile.id);
    const conditionRows = await t.db.query('SELECT 1 FROM therapist_search_condition WHERE therapist_id = $1', [
      who.profile.id,
    ]);
    expect(conditionRows).toHaveLength(0);
    const condition = await t.http.get(SEARCH_PATH).query({ near: '30.2711,-97.7437', condition: 'neck-pain' });
    expect((condition.body.items as { id: string }[]).map((i) => i.id)).not.toContain(who.profile.id);

    await t.http.post('/api/v1/auth/login').send({ email: who.user.email, password: TEST_PASSWORD }).expect(401);
    await t.http.get('/api/v1/auth/me').set(who.user.auth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: who.user.refreshToken }).expect(401);

    const trail = await t.http.get(`/api/v1/certifications/${certId}/audit`).set(a.admin.auth).expect(200);
    const events = trail.body.items as { actor: string; action: string; reason: string; toStatus: string }[];
    expect(events.map((e) => e.action)).toEqual(['submitted', 'verified', 'withdrawn']);
    expect(events.map((e) => e.actor)).toEqual([ERASED_ACTOR, a.admin.id, ERASED_ACTOR]);
    expect(JSON.stringify(trail.body)).not.toMatch(/Maria|Garcia|employer/);
    expect(JSON.stringify(trail.body)).not.toContain(who.user.id);
    const lookup = await t.http
      .get('/api/v1/verify')
      .query({ association: a.slug, credentialNumber: entry.credentialNumber })
      .expect(200);
    expect(lookup.body.verifiedProfile).toBeNull();
  });

  it('should let the address sign up again once its account is deleted', async () => {
    const user = await registerUser(t, Role.Client);
    await remove(user).expect(204);
    await t.http
      .post('/api/v1/auth/register')
      .send({ email: user.email, password: TEST_PASSWORD, role: 'client', name: 'New Person' })
      .expect(201);
  });

  it('should keep the reviews a deleted client wrote, shown as by "Former client"', async () => {
    const { who } = await verifiedTherapist();
    const client = await establishedClient(t, 'Casey Morgan');
    const review = await postReview(t, client, who.profile.id, { rating: 4 });
    expect(review.body).toMatchObject({ status: 'published', authorName: 'Casey M.' });
    await remove(client).expect(204);
    const list = await t.http.get(`/api/v1/therapists/${who.profile.id}/reviews`).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: review.body.id, authorName: 'Former client', rating: 4 }),
    ]);
    const profile = await t.http.get(`/api/v1/therapists/${who.profile.id}`).expect(200);
    expect(profile.body.rating).toMatchObject({ count: 1 });
  });

  it("should never delete someone else's account", async () => {
    const victim = await registerUser(t, Role.Client);
    const attacker = await registerUser(t, Role.Client);
    await remove(attacker, victim.password.replace('42', '43')).expect(403);
    await t.http.delete(`/api/v1/users/${victim.id}`).set(attacker.auth).send({ password: TEST_PASSWORD }).expect(404);
    await t.http.delete('/api/v1/auth/me').send({ password: TEST_PASSWORD }).expect(401);
    await t.http.get('/api/v1/auth/me').set(victim.auth).expect(200);
    await t.http.get('/api/v1/auth/me').set(attacker.auth).expect(200);
  });

  describe('GET /auth/me/export', () => {
    it("should hold a therapist's account, profile, certifications with their audit, invitations and sessions, without secrets", async () => {
      const { who, certId } = await verifiedTherapist();
      await t.http.post('/api/v1/therapists/me/review-invitations').set(who.user.auth).expect(201);
      const mail = (await keptMail(t, who.user.email)).find((m) => m.subject === 'Confirm your e-mail address')!;
      const res = await t.http.get('/api/v1/auth/me/export').set(who.user.auth).expect(200);
      const body = res.body as Record<string, unknown> & {
        account: object;
        certifications: { id: string; audit: unknown[] }[];
      };
      expect(body.account).toMatchObject({
        id: who.user.id,
        email: who.user.email,
        role: 'therapist',
        emailVerified: false,
      });
      expect(body.therapistProfile).toMatchObject({ id: who.profile.id, firstName: 'Maria', lastName: 'Garcia' });
      expect(body.certifications).toEqual([expect.objectContaining({ id: certId, status: 'verified' })]);
      expect(body.certifications[0].audit).toHaveLength(2);
      expect(body.reviewInvitations).toHaveLength(1);
      expect(body.sessions).toEqual([expect.objectContaining({ revokedAt: null })]);
      expect(body.mail).toEqual([
        expect.objectContaining({ kind: 'email-confirmation', status: 'sent' }),
        expect.objectContaining({ kind: 'certification-outcome', status: 'sent' }),
        expect.objectContaining({ kind: 'certification-outcome', status: 'sent' }),
      ]);
      expect(body.mailedLinks).toEqual([expect.objectContaining({ purpose: 'email_verification', usedAt: null })]);

      const text = JSON.stringify(body);
      const secrets = await t.db.query<{ secret: string }[]>(
        `SELECT password_hash AS secret FROM app_user WHERE id = $1
         UNION ALL SELECT token_hash FROM refresh_token WHERE user_id = $1
         UNION ALL SELECT token_hash FROM account_token WHERE user_id = $1
         UNION ALL SELECT code_hash FROM review_invitation WHERE therapist_id = $2`,
        [who.user.id, who.profile.id],
      );
      expect(secrets.length).toBeGreaterThanOrEqual(4);
      for (const value of [
        ...secrets.map((s) => s.secret),
        who.user.refreshToken,
        who.user.accessToken,
        tokenFrom(mail),
      ]) {
        expect(text).not.toContain(value);
      }
      expect(text).not.toMatch(/argon2|passwordHash|password_hash|tokenHash|token_hash|codeHash|code_hash/i);
    });

    it("should hold a client's reviews written and flags raised", async () => {
      const { who } = await verifiedTherapist();
      const client = await establishedClient(t);
      const review = await postReview(t, client, who.profile.id);
      await t.http
        .post(`/api/v1/reviews/${review.body.id}/flag`)
        .set(client.auth)
        .send({ reason: 'Typo in my review' })
        .expect(201);
      const res = await t.http.get('/api/v1/auth/me/export').set(client.auth).expect(200);
      expect(res.body.account.emailVerified).toBe(true);
      expect(res.body.therapistProfile).toBeNull();
      expect(res.body.certifications).toEqual([]);
      expect(res.body.reviewsWritten).toEqual([
        expect.objectContaining({ id: review.body.id, therapistId: who.profile.id }),
      ]);
      expect(res.body.flagsRaised).toEqual([
        expect.objectContaining({ reviewId: review.body.id, reason: 'Typo in my review' }),
      ]);
      await t.http.get('/api/v1/auth/me/export').expect(401);
    });
  });

  // Last: a second app in this process takes over the process-wide passport strategy until it closes.
  it('should refuse to delete the last active platform admin', async () => {
    const fresh = await createTestApp(NO_JOBS);
    try {
      const only = await createAdmin(fresh, Role.PlatformAdmin);
      const res = await fresh.http
        .delete('/api/v1/auth/me')
        .set(only.auth)
        .send({ password: TEST_PASSWORD })
        .expect(422);
      expect(res.body.detail).toMatch(/last active platform admin/);
      const second = await createAdmin(fresh, Role.PlatformAdmin);
      await fresh.http.delete('/api/v1/auth/me').set(only.auth).send({ password: TEST_PASSWORD }).expect(204);
      await fresh.http.get('/api/v1/users').set(second.auth).expect(200);
    } finally {
      await fresh.close();
    }
  });
});
