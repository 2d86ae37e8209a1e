import { ExpiryService } from '../src/verification/expiry/expiry.service';
import { createTestApp, TestApp } from './support/app';
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

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('verification over time: expiry and reminders', () => {
  let t: TestApp;
  let a: TestAssociation;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
    a = await createAssociation(t);
  });
  afterAll(() => t.close());

  async function verifiedCert(expiresOn: string) {
    const entry = rosterEntry({ expiresOn });
    await importCsv(t, a, toCsv([entry])).expect(200);
    const who = await therapistWithProfile(t);
    const res = await claim(t, who, a, entry.credentialNumber).expect(201);
    expect(res.body.status).toBe('verified');
    return { who, entry, id: res.body.id as string };
  }

  /** Time passes: the stored expiry moves into the past without any status write (as on the day after expiry). */
  const backdate = (id: string, date: string) =>
    t.db.query('UPDATE certification SET expires_on = $2 WHERE id = $1', [id, date]);

  it('should read a verified certification past its expiry as expired before any job has run', async () => {
    const { id, who, entry } = await verifiedCert(day(10));
    await backdate(id, day(-1));
    const [stored] = await t.db.query('SELECT status FROM certification WHERE id = $1', [id]);
    expect(stored.status).toBe('verified');
    const list = await t.http.get('/api/v1/therapists/me/certifications').set(who.user.auth).expect(200);
    expect(list.body.items[0]).toMatchObject({
      status: 'expired',
      statusReason: `The credential expired on ${day(-1)}.`,
    });
    const lookup = await t.http
      .get('/api/v1/verify')
      .query({ association: a.slug, credentialNumber: entry.credentialNumber })
      .expect(200);
    expect(lookup.body.verifiedProfile).toBeNull();
    const [{ s }] = await t.db.query("SELECT certification_effective_status('verified', current_date - 1) AS s");
    expect(s).toBe('expired');
  });

  it('should move passed certifications to expired with one system:expiry audit entry, once', async () => {
    const { id } = await verifiedCert(day(10));
    await backdate(id, day(-2));
    const expiry = t.app.get(ExpiryService);
    const first = await expiry.runExpiry();
    expect(first.expired).toBeGreaterThanOrEqual(1);
    await expiry.runExpiry();
    const trail = await auditRows(t, id);
    expect(trail.filter((r) => r.actor === 'system:expiry')).toEqual([
      {
        actor: 'system:expiry',
        action: 'expired',
        from_status: 'verified',
        to_status: 'expired',
        reason: `The credential expired on ${day(-2)}.`,
      },
    ]);
    await expectTrailExplainsStatus(t, id);
  });

  it('should queue 60- and 30-day reminders exactly once each', async () => {
    const in45 = await verifiedCert(day(45));
    const in20 = await verifiedCert(day(20));
    const in90 = await verifiedCert(day(90));
    const expiry = t.app.get(ExpiryService);
    await expiry.runExpiry();
    await expiry.runExpiry();
    const notices = await t.db.query<
      { kind: string; dedupe_key: string; recipient_user_id: string; payload: { certificationId: string } }[]
    >(
      "SELECT kind, dedupe_key, recipient_user_id, payload FROM notice_outbox WHERE kind LIKE 'expiry-%' AND payload->>'certificationId' = ANY($1) ORDER BY id",
      [[in45.id, in20.id, in90.id]],
    );
    expect(notices.map((n) => [n.kind, n.dedupe_key, n.recipient_user_id])).toEqual([
      ['expiry-60', `expiry-60:${in45.id}:${day(45)}`, in45.who.user.id],
      ['expiry-30', `expiry-30:${in20.id}:${day(20)}`, in20.who.user.id],
    ]);
    await t.db.query('UPDATE certification SET expires_on = $2 WHERE id = $1', [in45.id, day(25)]);
    await expiry.runExpiry();
    await expiry.runExpiry();
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM notice_outbox WHERE dedupe_key LIKE $1', [
      `expiry-30:${in45.id}:%`,
    ]);
    expect(n).toBe(1);
  });
});
