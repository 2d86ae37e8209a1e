import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory';
import { MailWorker } from '../src/mail/mail-worker';
import { INTERRUPTED } from '../src/mail/mail.repository';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { keptMail } from './support/mail';
import { TestSmtpServer, tokenFrom, tokenLink } from './support/smtp';
import { createAdmin, registerUser } from './support/users';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PUBLIC_URL = 'https://directory.example.test';

/** An app that sends to `smtp`; the worker runs only when a test drains it (except where a test says otherwise). */
function appFor(smtp: TestSmtpServer, extra: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({
    SMTP_URL: smtp.url,
    PUBLIC_URL,
    MAIL_FROM: 'NMT Directory <no-reply@directory.example.test>',
    NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
    EXPIRY_JOB_INTERVAL_SECONDS: '0',
    ...extra,
  });
}

describe('mail delivery over SMTP', () => {
  describe('a receiver that accepts', () => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    beforeAll(async () => {
      smtp = await TestSmtpServer.start();
      t = await appFor(smtp);
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it('should mail the e-mail confirmation on sign-up, with text and HTML parts, and confirm the address through its link', async () => {
      const user = await registerUser(t, Role.Client);
      expect(smtp.to(user.email)).toHaveLength(0);
      await t.app.get(MailWorker).drain();
      const [mail] = smtp.to(user.email);
      expect(mail.subject).toBe('Confirm your e-mail address');
      expect(mail.parsed.from?.value[0].address).toBe('no-reply@directory.example.test');
      const link = tokenLink(mail);
      expect(link.href.startsWith(`${PUBLIC_URL}/account/confirm-email?token=`)).toBe(true);
      // The HTML part escapes attribute values (= as &#x3D;), which a mail client decodes back.
      const htmlHref = /href="([^"]+token[^"]+)"/
        .exec(mail.html)![1]
        .replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&');
      expect(htmlHref).toBe(link.href);
      expect(mail.text).toContain('expires in 7 days');

      const before = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(before.body.emailVerified).toBe(false);
      await t.http
        .post('/api/v1/auth/email-verification/confirm')
        .send({ token: tokenFrom(mail) })
        .expect(204);
      const after = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(after.body.emailVerified).toBe(true);
    });

    it('should escape what users wrote in the HTML part and keep it as written in the text part', async () => {
      const name = '<script>alert("x")</script> & Co';
      const user = await registerUser(t, Role.Client, { name });
      await t.app.get(MailWorker).drain();
      const [mail] = smtp.to(user.email);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(mail.text).toContain(`Hello ${name},`);
    });

    it('should send each mail once however often the worker runs', async () => {
      const user = await registerUser(t, Role.Therapist);
      const worker = t.app.get(MailWorker);
      await Promise.all([worker.drain(), worker.drain(), worker.drain()]);
      await worker.drain();
      expect(smtp.to(user.email)).toHaveLength(1);
    });

    it('should keep a mail whose worker died while sending as failed, and never send it again', async () => {
      const user = await registerUser(t, Role.Client);
      // A worker claimed the mail and stopped (crash, kill -9) before recording the outcome; its lease has run out.
      await t.db.query(
        `UPDATE notice_outbox SET status = 'sending', attempts = 1, locked_until = now() - interval '1 second'
         WHERE recipient_user_id = $1`,
        [user.id],
      );
      await t.app.get(MailWorker).drain();
      expect(smtp.to(user.email)).toHaveLength(0);
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const failed = await t.http.get('/api/v1/mail/failed').set(admin.auth).expect(200);
      expect(failed.body.items).toContainEqual(
        expect.objectContaining({ recipientUserId: user.id, kind: 'email-confirmation', lastError: INTERRUPTED }),
      );
    });
  });

  it('should keep a mail that cannot be rendered as failed at once, without sending it', async () => {
    const smtp = await TestSmtpServer.start();
    const t = await appFor(smtp);
    try {
      const user = await registerUser(t, Role.Client);
      await t.app.get(MailWorker).drain();
      await t.db.query(
        `INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload) VALUES ('no-such-kind', 'x:1', $1, '{}')`,
        [user.id],
      );
      expect(await t.app.get(MailWorker).drain()).toEqual({ sent: 0, retried: 0, failed: 1 });
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const res = await t.http.get('/api/v1/mail/failed').set(admin.auth).expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          kind: 'no-such-kind',
          attempts: 1,
          lastError: expect.stringContaining('No template'),
        }),
      ]);
      expect(smtp.to(user.email)).toHaveLength(1);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('should retry a temporary refusal (4xx) with growing delays and deliver once accepted', async () => {
    const smtp = await TestSmtpServer.start({ failTimes: 2 });
    const t = await appFor(smtp, { MAIL_RETRY_BASE_SECONDS: '1' });
    try {
      const user = await registerUser(t, Role.Client);
      const worker = t.app.get(MailWorker);
      expect(await worker.drain()).toMatchObject({ sent: 0, retried: 1 });
      expect(await worker.drain()).toMatchObject({ sent: 0, retried: 0 }); // not due yet: back-off of 1 s
      await sleep(1100);
      expect(await worker.drain()).toMatchObject({ retried: 1 });
      await sleep(1100);
      expect(await worker.drain()).toMatchObject({ sent: 0 }); // the second delay is 2 s
      await sleep(1000);
      expect(await worker.drain()).toMatchObject({ sent: 1 });
      expect(smtp.attempts).toBe(3);
      expect(smtp.to(user.email)).toHaveLength(1);
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const failed = await t.http.get('/api/v1/mail/failed').set(admin.auth).expect(200);
      expect(failed.body).toEqual({ items: [], nextCursor: null });
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('should keep mail refused for good (5xx) as failed, visible to platform admins, without retrying it', async () => {
    const smtp = await TestSmtpServer.start('reject');
    const t = await appFor(smtp, { MAIL_RETRY_BASE_SECONDS: '0' });
    try {
      const user = await registerUser(t, Role.Client);
      const worker = t.app.get(MailWorker);
      expect(await worker.drain()).toMatchObject({ failed: 1 });
      await worker.drain();
      expect(smtp.attempts).toBe(1);
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const res = await t.http.get('/api/v1/mail/failed').set(admin.auth).expect(200);
      expect(res.body.items).toEqual([
        {
          id: expect.any(String),
          kind: 'email-confirmation',
          recipientUserId: user.id,
          recipientEmail: user.email,
          attempts: 1,
          lastError: expect.stringContaining('550'),
          createdAt: expect.any(String),
          failedAt: expect.any(String),
        },
      ]);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('should page failed mail newest first with a cursor', async () => {
    const smtp = await TestSmtpServer.start('reject');
    const t = await appFor(smtp);
    try {
      const users = [];
      for (let i = 0; i < 3; i++) {
        users.push(await registerUser(t, Role.Client));
        await t.app.get(MailWorker).drain();
      }
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const first = await t.http.get('/api/v1/mail/failed').set(admin.auth).query({ limit: 2 }).expect(200);
      const second = await t.http
        .get('/api/v1/mail/failed')
        .set(admin.auth)
        .query({ limit: 2, cursor: first.body.nextCursor })
        .expect(200);
      expect(second.body.nextCursor).toBeNull();
      const order = [...first.body.items, ...second.body.items].map(
        (m: { recipientUserId: string }) => m.recipientUserId,
      );
      expect(order).toEqual(users.map((u) => u.id).reverse());
      await t.http.get('/api/v1/mail/failed').set(admin.auth).query({ cursor: 'garbage' }).expect(400);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('should give up after MAIL_MAX_ATTEMPTS temporary refusals and list the mail as failed', async () => {
    const smtp = await TestSmtpServer.start({ failTimes: 100 });
    const t = await appFor(smtp, { MAIL_RETRY_BASE_SECONDS: '0', MAIL_MAX_ATTEMPTS: '3' });
    try {
      const user = await registerUser(t, Role.Client);
      const worker = t.app.get(MailWorker);
      for (let i = 0; i < 5; i++) {
        await worker.drain();
      }
      expect(smtp.attempts).toBe(3);
      const admin = await createAdmin(t, Role.PlatformAdmin);
      const res = await t.http.get('/api/v1/mail/failed').set(admin.auth).expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({ recipientUserId: user.id, attempts: 3, lastError: expect.stringContaining('451') }),
      ]);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('should deliver each mail exactly once with two app instances on one database', async () => {
    const smtp = await TestSmtpServer.start();
    const t = await appFor(smtp);
    let second: NestFastifyApplication | undefined;
    try {
      second = await createApp(t.env);
      const users = await Promise.all(Array.from({ length: 30 }, () => registerUser(t, Role.Client)));
      const a = t.app.get(MailWorker);
      const b = second.get(MailWorker);
      await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
      await Promise.all([a.drain(), b.drain()]);
      expect(smtp.received).toHaveLength(30);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(30);
      for (const user of users) {
        expect(smtp.to(user.email)).toHaveLength(1);
      }
    } finally {
      await second?.close();
      await t.close();
      await smtp.close();
    }
  });

  it('should send without anyone draining, from the worker itself', async () => {
    const smtp = await TestSmtpServer.start();
    const t = await appFor(smtp, { NOTICE_DELIVERY_INTERVAL_SECONDS: '1' });
    try {
      const user = await registerUser(t, Role.Client);
      for (let i = 0; i < 50 && smtp.to(user.email).length === 0; i++) {
        await sleep(100);
      }
      expect(smtp.to(user.email)).toHaveLength(1);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('should keep mail as .eml files with a log of the link when no SMTP_URL is set', async () => {
    const t = await createTestApp({ NOTICE_DELIVERY_INTERVAL_SECONDS: '0' });
    try {
      const user = await registerUser(t, Role.Client);
      const [mail] = await keptMail(t, user.email);
      expect(mail.file).toMatch(/\.eml$/);
      expect(mail.subject).toBe('Confirm your e-mail address');
      expect(mail.html).toContain('Confirm my e-mail address');
      await t.http
        .post('/api/v1/auth/email-verification/confirm')
        .send({ token: tokenFrom(mail) })
        .expect(204);
    } finally {
      await t.close();
    }
  });
});
