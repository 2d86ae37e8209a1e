import { MailWorker } from '../src/mail/mail-worker';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { invitationCode, postReview, therapistWithProfile } from './support/reviews';
import { Received, TestSmtpServer, tokenFrom, tokenLink } from './support/smtp';
import { createAdmin, registerUser, TEST_PASSWORD, TestUser, uniqueEmail } from './support/users';

const NEW_PASSWORD = 'a brand new passphrase 2024';
const ACCEPTED = { message: 'If an account uses this address, a link to reset its password is on its way.' };

describe('accounts: password reset, e-mail confirmation, name and password', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://directory.example.test',
      NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
      NEW_ACCOUNT_REVIEW_HOLD_HOURS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const drain = () => t.app.get(MailWorker).drain();
  const login = (email: string, password: string) => t.http.post('/api/v1/auth/login').send({ email, password });

  /** Asks for a reset and returns the mail that arrived for it. */
  async function resetMail(user: TestUser): Promise<Received> {
    await t.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    await drain();
    const mails = smtp.to(user.email).filter((m) => m.subject === 'Reset your password');
    expect(mails.length).toBeGreaterThan(0);
    return mails[mails.length - 1];
  }

  async function confirmationMail(user: TestUser): Promise<Received> {
    await drain();
    const mails = smtp.to(user.email).filter((m) => m.subject === 'Confirm your e-mail address');
    return mails[mails.length - 1];
  }

  describe('POST /auth/password-reset', () => {
    it('should mail a link that sets a new password, ends every session and refuses the old password', async () => {
      const user = await registerUser(t, Role.Client);
      const mail = await resetMail(user);
      const link = tokenLink(mail);
      expect(link.origin + link.pathname).toBe('https://directory.example.test/account/reset-password');
      expect(mail.text).toContain('expires in 30 minutes');
      expect(mail.html).toContain('Choose a new password');

      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: link.searchParams.get('token'), password: NEW_PASSWORD })
        .expect(204);
      await login(user.email, TEST_PASSWORD).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('should answer an unknown address exactly as a known one, and mail nothing', async () => {
      const known = await registerUser(t, Role.Client);
      const unknown = uniqueEmail('nobody');
      const a = await t.http.post('/api/v1/auth/password-reset').send({ email: known.email }).expect(202);
      const b = await t.http.post('/api/v1/auth/password-reset').send({ email: unknown }).expect(202);
      expect(a.body).toEqual(ACCEPTED);
      expect(b.body).toEqual(ACCEPTED);
      expect(a.headers['content-type']).toBe(b.headers['content-type']);
      await drain();
      expect(smtp.to(unknown)).toHaveLength(0);
      expect(smtp.to(known.email).filter((m) => m.subject === 'Reset your password')).toHaveLength(1);
    });

    it('should refuse a used, an expired, a foreign and an unknown token with 422, changing nothing', async () => {
      const user = await registerUser(t, Role.Client);
      const token = tokenFrom(await resetMail(user));
      await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
      const reused = await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: 'yet another passphrase 99' })
        .expect(422);
      expect(reused.headers['content-type']).toMatch(/problem\+json/);

      const other = await registerUser(t, Role.Client);
      const expiring = tokenFrom(await resetMail(other));
      // Time passes: the link is older than 30 minutes.
      await t.db.query(
        "UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'password_reset'",
        [other.id],
      );
      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: expiring, password: NEW_PASSWORD })
        .expect(422);

      const confirmation = tokenFrom(await confirmationMail(other));
      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: confirmation, password: NEW_PASSWORD })
        .expect(422);
      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: 'not-a-token-we-issued', password: NEW_PASSWORD })
        .expect(422);
      await login(other.email, TEST_PASSWORD).expect(200);
      await login(user.email, NEW_PASSWORD).expect(200);
    });

    it('should spend every earlier reset link once one is used', async () => {
      const user = await registerUser(t, Role.Therapist);
      const first = tokenFrom(await resetMail(user));
      const second = tokenFrom(await resetMail(user));
      expect(second).not.toBe(first);
      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: second, password: NEW_PASSWORD })
        .expect(204);
      await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: first, password: 'someone else chose this 1' })
        .expect(422);
    });

    it('should store only hashes of the mailed tokens', async () => {
      const user = await registerUser(t, Role.Client);
      const token = tokenFrom(await resetMail(user));
      const rows = await t.db.query<{ row: string }[]>(
        `SELECT row_to_json(x)::text AS row FROM account_token x WHERE user_id = $1
         UNION ALL SELECT row_to_json(o)::text FROM notice_outbox o WHERE recipient_user_id = $1`,
        [user.id],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { row } of rows) {
        expect(row).not.toContain(token);
      }
    });

    it('should forget reset requests a day after they were handled', async () => {
      const user = await registerUser(t, Role.Client);
      await resetMail(user);
      const exported = async () =>
        ((await t.http.get('/api/v1/auth/me/export').set(user.auth).expect(200)).body as { passwordResetRequests: [] })
          .passwordResetRequests;
      expect(await exported()).toHaveLength(1);
      // Time passes.
      await t.db.query(
        "UPDATE password_reset_request SET requested_at = now() - interval '25 hours' WHERE email = $1",
        [user.email],
      );
      await drain();
      expect(await exported()).toHaveLength(0);
    });

    it('should answer 400 for a malformed address, naming the field', async () => {
      const res = await t.http.post('/api/v1/auth/password-reset').send({ email: 'not an email' }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
      await t.http.post('/api/v1/auth/password-reset/confirm').send({ token: 'x', password: 'short' }).expect(400);
    });
  });

  describe('the pages the links open', () => {
    /** What a browser does with the mailed link: opens it (GET), then submits the form the page shows (POST). */
    async function openLink(mail: Received) {
      const link = tokenLink(mail);
      const page = await t.http.get(link.pathname + link.search).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      const action = /<form method="post" action="([^"]+)"/.exec(page.text)![1];
      const token = /name="token" value="([^"]*)"/.exec(page.text)![1];
      return { page, action, token };
    }

    it("should confirm the address only when the page's button is pressed, not when the link is opened", async () => {
      const user = await registerUser(t, Role.Client);
      const { action, token } = await openLink(await confirmationMail(user));
      expect((await t.http.get('/api/v1/auth/me').set(user.auth)).body.emailVerified).toBe(false);
      const done = await t.http.post(action).type('form').send({ token }).expect(200);
      expect(done.text).toContain('your e-mail address is confirmed');
      expect((await t.http.get('/api/v1/auth/me').set(user.auth)).body.emailVerified).toBe(true);
      const again = await t.http.post(action).type('form').send({ token }).expect(422);
      expect(again.text).toContain('invalid, expired or already used');
    });

    it('should set the new password from the reset page, and say what is wrong with a weak one', async () => {
      const user = await registerUser(t, Role.Therapist);
      const { page, action, token } = await openLink(await resetMail(user));
      expect(page.text).toContain('autocomplete="new-password"');
      const weak = await t.http.post(action).type('form').send({ token, password: 'password1' }).expect(400);
      expect(weak.text).toContain('too common');
      await t.http.post(action).type('form').send({ token, password: NEW_PASSWORD }).expect(200);
      await login(user.email, NEW_PASSWORD).expect(200);
      await t.http.post(action).type('form').send({ token, password: 'another good passphrase 7' }).expect(422);
    });

    it('should show a token from the address bar as text, never as markup', async () => {
      const page = await t.http
        .get('/account/reset-password')
        .query({ token: '"><script>alert(1)</script>' })
        .expect(200);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).toContain('value="&quot;>&lt;script>alert(1)&lt;/script>"');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    });
  });

  describe('e-mail confirmation', () => {
    it('should mail a new link on request, and nothing once the address is confirmed', async () => {
      const user = await registerUser(t, Role.Client);
      await drain();
      const res = await t.http.post('/api/v1/auth/email-verification').set(user.auth).expect(202);
      expect(res.body.message).toEqual(expect.any(String));
      const mails = (await drain(), smtp.to(user.email));
      expect(mails).toHaveLength(2);
      await t.http
        .post('/api/v1/auth/email-verification/confirm')
        .send({ token: tokenFrom(mails[1]) })
        .expect(204);
      await t.http
        .post('/api/v1/auth/email-verification/confirm')
        .send({ token: tokenFrom(mails[1]) })
        .expect(422);
      await t.http.post('/api/v1/auth/email-verification').set(user.auth).expect(202);
      await drain();
      expect(smtp.to(user.email)).toHaveLength(2);
      const me = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(me.body.emailVerified).toBe(true);
    });

    it('should refuse a reset token, an expired and an unknown token with 422', async () => {
      const user = await registerUser(t, Role.Client);
      const reset = tokenFrom(await resetMail(user));
      await t.http.post('/api/v1/auth/email-verification/confirm').send({ token: reset }).expect(422);
      const confirmation = tokenFrom(await confirmationMail(user));
      await t.db.query(
        "UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'email_verification'",
        [user.id],
      );
      await t.http.post('/api/v1/auth/email-verification/confirm').send({ token: confirmation }).expect(422);
      await t.http.post('/api/v1/auth/email-verification/confirm').send({ token: 'forged' }).expect(422);
      const me = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(me.body.emailVerified).toBe(false);
    });

    it('should hold reviews without an invitation code from an unconfirmed address, and publish them once confirmed', async () => {
      const therapist = await therapistWithProfile(t);
      const client = await registerUser(t, Role.Client);
      const held = await postReview(t, client, therapist.profileId);
      expect(held.body.status).toBe('pending');
      const [{ status_reason }] = await t.db.query('SELECT status_reason FROM review WHERE id = $1', [held.body.id]);
      expect(status_reason).toBe('email_unconfirmed');
      const invited = await postReview(t, await registerUser(t, Role.Client), therapist.profileId, {
        invitationCode: await invitationCode(t, therapist),
      });
      expect(invited.body.status).toBe('published');

      const other = await therapistWithProfile(t);
      await t.http
        .post('/api/v1/auth/email-verification/confirm')
        .send({ token: tokenFrom(await confirmationMail(client)) })
        .expect(204);
      expect((await postReview(t, client, other.profileId)).body.status).toBe('published');
    });

    it('should require a signed-in caller to ask for a new link', async () => {
      await t.http.post('/api/v1/auth/email-verification').expect(401);
    });
  });

  describe('PATCH /auth/me and POST /auth/me/password', () => {
    it('should change the name and answer with the user', async () => {
      const user = await registerUser(t, Role.Client);
      const res = await t.http.patch('/api/v1/auth/me').set(user.auth).send({ name: '  Jamie Doe  ' }).expect(200);
      expect(res.body).toEqual({ id: user.id, email: user.email, name: 'Jamie Doe', role: 'client' });
      const me = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(me.body.name).toBe('Jamie Doe');
    });

    it('should refuse an empty name and unknown fields with 400, changing nothing', async () => {
      const user = await registerUser(t, Role.Client);
      const empty = await t.http.patch('/api/v1/auth/me').set(user.auth).send({ name: '   ' }).expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
      await t.http.patch('/api/v1/auth/me').set(user.auth).send({ name: 'X', role: 'platform_admin' }).expect(400);
      await t.http.patch('/api/v1/auth/me').send({ name: 'Nobody' }).expect(401);
      const me = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(me.body).toMatchObject({ name: user.name, role: 'client' });
    });

    it('should change the password, end the other sessions and keep the one that asked', async () => {
      const user = await registerUser(t, Role.Client);
      const other = (await login(user.email, TEST_PASSWORD).expect(200)).body as {
        accessToken: string;
        refreshToken: string;
      };
      await t.http
        .post('/api/v1/auth/me/password')
        .set(user.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${other.accessToken}`).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      await login(user.email, TEST_PASSWORD).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);
    });

    it('should refuse a wrong current password with 403 and a weak new one with 400', async () => {
      const user = await registerUser(t, Role.Therapist);
      await t.http
        .post('/api/v1/auth/me/password')
        .set(user.auth)
        .send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD })
        .expect(403);
      const weak = await t.http
        .post('/api/v1/auth/me/password')
        .set(user.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'password1' })
        .expect(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      await login(user.email, TEST_PASSWORD).expect(200);
    });
  });

  it('should mail no reset link to a disabled account', async () => {
    const user = await registerUser(t, Role.Client);
    const admin = await createAdmin(t, Role.PlatformAdmin);
    await t.http.patch(`/api/v1/users/${user.id}`).set(admin.auth).send({ disabled: true }).expect(200);
    await t.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    await drain();
    expect(smtp.to(user.email).filter((m) => m.subject === 'Reset your password')).toHaveLength(0);
  });

  // Last: a second app in this process takes over the process-wide passport strategy until it closes.
  it('should rate-limit reset requests per address (the same answer for unknown ones) and per client address', async () => {
    const limited = await createTestApp({
      SMTP_URL: smtp.url,
      NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
      RATE_LIMITS: 'on',
      AUTH_RATE_LIMIT: '7',
      PASSWORD_RESET_LIMIT: '2',
    });
    try {
      const user = await registerUser(limited, Role.Client);
      const unknown = uniqueEmail('ghost');
      for (const email of [user.email, unknown]) {
        await limited.http.post('/api/v1/auth/password-reset').send({ email }).expect(202);
        await limited.http.post('/api/v1/auth/password-reset').send({ email }).expect(202);
      }
      const known429 = await limited.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(429);
      const unknown429 = await limited.http.post('/api/v1/auth/password-reset').send({ email: unknown }).expect(429);
      expect(known429.body).toEqual(unknown429.body);
      expect(Number(known429.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected by that limit...
      await limited.http.post('/api/v1/auth/password-reset').send({ email: uniqueEmail() }).expect(202);
      // ...but this client address has now made the 7 reset requests a minute allows.
      const byClient = await limited.http
        .post('/api/v1/auth/password-reset')
        .send({ email: uniqueEmail() })
        .expect(429);
      expect(Number(byClient.headers['retry-after'])).toBeGreaterThan(0);
      await limited.app.get(MailWorker).drain();
      expect(smtp.to(user.email).filter((m) => m.subject === 'Reset your password')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});
