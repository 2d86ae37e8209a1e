import { createTestApp, TestApp } from './support/app';
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

describe('GET /verify: the public credential lookup', () => {
  let t: TestApp;
  let a: TestAssociation;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
    a = await createAssociation(t);
  });
  afterAll(() => t.close());

  const lookup = (query: Record<string, string>) => t.http.get('/api/v1/verify').query(query);

  it('should answer the roster record and the verified, published profile holding it', async () => {
    const entry = rosterEntry({
      credentialNumber: 'LK-0042',
      firstName: 'Maria',
      middleName: 'Elena',
      lastName: 'Garcia',
      expiresOn: '2030-05-31',
    });
    await importCsv(t, a, toCsv([entry])).expect(200);
    const before = await lookup({ association: a.slug, credentialNumber: 'lk 0042' }).expect(200);
    expect(before.body).toEqual({
      association: a.slug,
      credentialNumber: 'LK-0042',
      credentialType: 'CNMT',
      holderName: 'Maria Elena Garcia',
      recordStatus: 'active',
      expiresOn: '2030-05-31',
      verifiedProfile: null,
    });
    const who = await therapistWithProfile(t, { displayName: 'Maria Garcia, CNMT' });
    await claim(t, who, a, 'LK-0042').expect(201);
    const after = await lookup({ association: a.slug, credentialNumber: 'LK0042' }).expect(200);
    expect(after.body.verifiedProfile).toEqual({ id: who.profile.id, displayName: 'Maria Garcia, CNMT' });
  });

  it('should not point to an unpublished profile or a profile whose claim is not verified', async () => {
    const entry = rosterEntry({ credentialNumber: 'LK-7' });
    await importCsv(t, a, toCsv([entry])).expect(200);
    const hidden = await therapistWithProfile(t, { published: false });
    await claim(t, hidden, a, 'LK-7').expect(201);
    const impostor = await therapistWithProfile(t, { firstName: 'Zed', lastName: 'Zulu' });
    await claim(t, impostor, a, 'LK-7').expect(201);
    expect(
      (await lookup({ association: a.slug, credentialNumber: 'LK-7' }).expect(200)).body.verifiedProfile,
    ).toBeNull();
  });

  it('should answer 404 for unknown numbers or associations and 400 for unknown or missing parameters', async () => {
    await lookup({ association: a.slug, credentialNumber: 'NOPE-1' }).expect(404);
    await lookup({ association: 'no-such', credentialNumber: 'NOPE-1' }).expect(404);
    const unknown = await lookup({ association: a.slug, credentialNumber: 'X', extra: '1' }).expect(400);
    expect(unknown.body.errors[0].field).toBe('extra');
    await lookup({ association: a.slug }).expect(400);
  });

  it('should be rate limited', async () => {
    const limited = await createTestApp({ ...NO_JOBS, RATE_LIMITS: 'on', PUBLIC_LOOKUP_RATE_LIMIT: '2' });
    try {
      const q = { association: 'any', credentialNumber: 'X1' };
      await limited.http.get('/api/v1/verify').query(q).expect(404);
      await limited.http.get('/api/v1/verify').query(q).expect(404);
      const res = await limited.http.get('/api/v1/verify').query(q).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
