import { ExpiryService } from '../src/verification/expiry/expiry.service';
import { MailWorker } from '../src/mail/mail-worker';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { invitationCode, moderate, platformAdmin, postReview } from './support/reviews';
import { Received, TestSmtpServer } from './support/smtp';
import { registerUser } from './support/users';
import { insertProfile } from './support/profiles';
import {
  claim,
  createAssociation,
  importCsv,
  rosterEntry,
  TestAssociation,
  therapistWithProfile,
  toCsv,
} from './support/verification';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('notices mailed to the people they concern', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let a: TestAssociation;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      NOTICE_DELIVERY_INTERVAL_SECONDS: '0',
      EXPIRY_JOB_INTERVAL_SECONDS: '0',
    });
    a = await createAssociation(t, { name: 'NMT Center' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** Everything due is sent twice over: a notice must still arrive once. */
  async function deliver(): Promise<void> {
    await t.app.get(MailWorker).drain();
    await t.app.get(MailWorker).drain();
  }

  const notices = (email: string): Received[] =>
    smtp.to(email).filter((m) => m.subject !== 'Confirm your e-mail address');

  async function verifiedCert(expiresOn = '2099-12-31') {
    const entry = rosterEntry({ expiresOn });
    await importCsv(t, a, toCsv([entry])).expect(200);
    const who = await therapistWithProfile(t);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('verified');
    return { who, entry, id: res.body.id as string, reason: res.body.statusReason as string };
  }

  it('should mail the therapist the outcome of each check, with its reason, once', async () => {
    const { who, entry, reason } = await verifiedCert();
    const pendingEntry = rosterEntry({ firstName: 'Robert', lastName: 'Miller' });
    await importCsv(t, a, toCsv([pendingEntry])).expect(200);
    const bob = await therapistWithProfile(t, { firstName: 'Bob', lastName: 'Miller', displayName: 'Bob Miller NMT' });
    const pending = await claim(t, bob, a, pendingEntry.credentialNumber).expect(201);
    expect(pending.body.status).toBe('needs_review');
    await deliver();

    const [verified] = notices(who.user.email);
    expect(verified.subject).toBe('Your CNMT credential: verified');
    expect(verified.text).toContain(`CNMT credential ${entry.credentialNumber} from NMT Center`);
    expect(verified.text).toContain(`Reason: ${reason}`);
    expect(verified.text).toContain(`/therapists/${who.profile.id}`);
    const [review] = notices(bob.user.email);
    expect(review.subject).toBe('Your CNMT credential: needs review by the association');
    expect(review.text).toContain(`Reason: ${pending.body.statusReason as string}`);

    await t.http
      .post(`/api/v1/certifications/${pending.body.id as string}/decision`)
      .set(a.admin.auth)
      .send({ decision: 'reject', reason: 'The paper certificate <b>does not</b> match' })
      .expect(200);
    await deliver();
    const outcomes = notices(bob.user.email);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[1].subject).toBe('Your CNMT credential: rejected');
    expect(outcomes[1].text).toContain('Reason: The paper certificate <b>does not</b> match');
    expect(outcomes[1].html).toContain('The paper certificate &lt;b&gt;does not&lt;/b&gt; match');
    expect(notices(who.user.email)).toHaveLength(1);
  });

  it('should mail the 60- and 30-day reminders and the expiry itself, each once', async () => {
    const in45 = await verifiedCert(day(45));
    const in20 = await verifiedCert(day(20));
    const expiry = t.app.get(ExpiryService);
    await expiry.runExpiry();
    await deliver();
    expect(notices(in45.who.user.email).map((m) => m.subject)).toEqual([
      'Your CNMT credential: verified',
      `Your CNMT credential expires on ${day(45)}`,
    ]);
    expect(notices(in20.who.user.email)[1].subject).toBe(`Reminder: your CNMT credential expires on ${day(20)}`);
    expect(notices(in20.who.user.email)[1].text).toContain('in 20 days');

    await t.db.query('UPDATE certification SET expires_on = $2 WHERE id = $1', [in20.id, day(-1)]);
    await expiry.runExpiry();
    await expiry.runExpiry();
    await deliver();
    const mails = notices(in20.who.user.email);
    expect(mails).toHaveLength(3);
    expect(mails[2].subject).toBe('Your CNMT credential has expired');
    expect(mails[2].text).toContain(`expired on ${day(-1)}`);
    expect(notices(in45.who.user.email)).toHaveLength(2);
  });

  it('should mail the therapist a new review and a reply on their profile, once each', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const profile = await insertProfile(t, therapist.id);
    const client = await registerUser(t, Role.Client);
    const code = await invitationCode(t, therapist);
    const posted = await postReview(t, client, profile.id, { rating: 4, invitationCode: code });
    expect(posted.body.status).toBe('published');
    await deliver();
    const [newReview] = notices(therapist.email);
    expect(newReview.subject).toBe('A new review on your profile');
    expect(newReview.text).toContain('4 out of 5');

    await t.http
      .post(`/api/v1/reviews/${posted.body.id}/response`)
      .set(therapist.auth)
      .send({ body: 'Thank you for the kind words.' })
      .expect(201);
    await deliver();
    expect(notices(therapist.email).map((m) => m.subject)).toEqual([
      'A new review on your profile',
      'Your reply to a review is published',
    ]);
  });

  it('should mail a held review only once a moderator publishes it', async () => {
    const therapist = await registerUser(t, Role.Therapist);
    const profile = await insertProfile(t, therapist.id);
    const held = await postReview(t, await registerUser(t, Role.Client), profile.id);
    expect(held.body.status).toBe('pending');
    await deliver();
    expect(notices(therapist.email)).toHaveLength(0);
    const admin = await platformAdmin(t);
    await moderate(t, admin, held.body.id, 'publish');
    await moderate(t, admin, held.body.id, 'publish');
    await deliver();
    expect(notices(therapist.email).map((m) => m.subject)).toEqual(['A new review on your profile']);
  });
});

describe("association admins' daily summary", () => {
  it('should mail each admin of an association the claims waiting in its queue, once a day', async () => {
    const smtp = await TestSmtpServer.start();
    const t = await createTestApp({ SMTP_URL: smtp.url, NOTICE_DELIVERY_INTERVAL_SECONDS: '0' });
    try {
      const a = await createAssociation(t, { name: 'NMT Center' });
      const quiet = await createAssociation(t, { name: 'Quiet Body' });
      for (let i = 0; i < 2; i++) {
        const entry = rosterEntry({ firstName: 'Robert', lastName: 'Miller' });
        await importCsv(t, a, toCsv([entry])).expect(200);
        const who = await therapistWithProfile(t, { firstName: 'Bob', lastName: 'Miller' });
        expect((await claim(t, who, a, entry.credentialNumber).expect(201)).body.status).toBe('needs_review');
      }
      await t.app.get(MailWorker).drain();
      await t.app.get(MailWorker).drain();
      const summaries = smtp.to(a.admin.email);
      expect(summaries).toHaveLength(1);
      expect(summaries[0].subject).toBe('2 claims waiting in the NMT Center review queue');
      expect(summaries[0].text).toContain(`/api/v1/associations/${a.slug}/verifications`);
      expect(smtp.to(quiet.admin.email)).toHaveLength(0);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
