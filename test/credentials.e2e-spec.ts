import { JSONWebKeySet } from 'jose';
import { addTherapist, DirectoryTherapist } from './support/fhir-directory';
import { createListeningTestApp, ListeningTestApp } from './support/listening-app';
import { createAssociation, importCsv, TestAssociation, toCsv } from './support/verification';
import { utcDate } from './support/search';
import { statusBit, verifyCredential } from './support/vc-verifier';

/**
 * The verifier side knows two URLs (the JWKS and the status list the credential names) and uses `jose`; the
 * therapist side is a credential fetched from the public API.
 */
describe('Verifiable credentials, checked by an independent verifier', () => {
  let t: ListeningTestApp;
  let association: TestAssociation;
  let n = 0;

  const fetchText = async (url: string, type = 'application/vc+jwt') => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    return res.text();
  };
  const jwksUrl = () => `${t.publicUrl}/.well-known/jwks.json`;
  const jwks = async () => JSON.parse(await fetchText(jwksUrl(), 'application/json; charset=utf-8')) as JSONWebKeySet;
  const credentialPath = (id: string) => `/api/v1/certifications/${id}/credential`;

  async function credentialOf(therapist: DirectoryTherapist): Promise<string> {
    return fetchText(`${t.publicUrl}${credentialPath(therapist.certificationId!)}`);
  }

  /** What a verifier concludes today: the status list is fetched fresh from the URL the credential names. */
  async function verify(jwt: string, keys?: JSONWebKeySet) {
    const listUrl = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).credentialStatus
      .statusListCredential as string;
    return verifyCredential(jwt, keys ?? (await jwks()), await fetchText(listUrl));
  }

  const verifiedTherapist = () =>
    addTherapist(t, association, {
      km: 1,
      firstName: 'Margarethe',
      lastName: `Quistorp-${String.fromCharCode(97 + n++)}`, // a name of letters: digits are no part of a name
      displayName: 'Greta Q., LMT',
    });

  beforeAll(async () => {
    t = await createListeningTestApp({ CREDENTIAL_STATUS_MAX_AGE_SECONDS: '0' });
    association = await createAssociation(t, { name: 'Neuromuscular Therapy Board', credentialTypes: ['CNMT'] });
  });

  afterAll(() => t.close());

  it('should verify: signature and kid from the JWKS, vc+jwt, VC 2.0 properties, subject, achievement, validity', async () => {
    const therapist = await verifiedTherapist();
    const { header, credential, revoked } = await verify(await credentialOf(therapist));
    expect(header).toMatchObject({ typ: 'vc+jwt', alg: expect.stringMatching(/^(EdDSA|ES256)$/) });
    expect((await jwks()).keys.map((k) => k.kid)).toContain(header.kid);
    expect(credential['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toMatchObject({ id: t.publicUrl });
    expect(credential.credentialSubject.id).toBe(`${t.publicUrl}/therapists/${therapist.id}`);
    expect(credential.credentialSubject.achievement?.name).toBe('CNMT');
    expect(credential.credentialSubject.achievement?.creator?.name).toBe('Neuromuscular Therapy Board');
    expect(credential.credentialSubject.licenseNumber).toBe(therapist.record!.credentialNumber);
    expect(credential.validUntil).toBe('2099-12-31T23:59:59Z');
    expect(credential.exp).toBe(Date.parse('2099-12-31T23:59:59Z') / 1000);
    expect(credential.evidence?.[0].description).toContain('the records of Neuromuscular Therapy Board on');
    expect(credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    expect(revoked).toBe(false);
    for (const secret of [
      therapist.legal.firstName,
      therapist.legal.lastName,
      therapist.email,
      therapist.contactEmail,
    ]) {
      expect(JSON.stringify(credential)).not.toContain(secret);
    }
  });

  it('should keep one status list place per certification, however often its credential is fetched', async () => {
    const therapist = await verifiedTherapist();
    const [a, b] = [await verify(await credentialOf(therapist)), await verify(await credentialOf(therapist))];
    expect(b.credential.credentialStatus).toEqual(a.credential.credentialStatus);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM credential_status_entry WHERE certification_id = $1',
      [therapist.certificationId],
    );
    expect(n).toBe(1);
  });

  it('should show the revocation once the roster revokes the credential, and issue no new one', async () => {
    const therapist = await verifiedTherapist();
    const jwt = await credentialOf(therapist);
    expect((await verify(jwt)).revoked).toBe(false);
    await importCsv(t, association, toCsv([{ ...therapist.record!, status: 'revoked' }])).expect(200);
    expect((await verify(jwt)).revoked).toBe(true);
    await t.http.get(credentialPath(therapist.certificationId!)).expect(404);
  });

  it('should revoke for good: a certification verified again gets a new status entry', async () => {
    const therapist = await verifiedTherapist();
    const old = await credentialOf(therapist);
    await importCsv(t, association, toCsv([{ ...therapist.record!, status: 'suspended' }])).expect(200);
    expect((await verify(old)).revoked).toBe(true);
    await importCsv(t, association, toCsv([therapist.record!])).expect(200);
    const renewed = await credentialOf(therapist);
    expect((await verify(renewed)).revoked).toBe(false);
    expect((await verify(old)).revoked).toBe(true);
  });

  it('should set the bit when the credential expires or is withdrawn', async () => {
    const expiring = await verifiedTherapist();
    const withdrawn = await verifiedTherapist();
    const [a, b] = [await credentialOf(expiring), await credentialOf(withdrawn)];
    const roster = await importCsv(t, association, toCsv([{ ...expiring.record!, expiresOn: utcDate(-1) }])).expect(
      200,
    );
    expect(roster.body.updated).toBe(1);
    await t.http
      .delete(`/api/v1/therapists/me/certifications/${withdrawn.certificationId}`)
      .set(withdrawn.auth)
      .expect(204);
    expect((await verify(a)).revoked).toBe(true);
    expect((await verify(b)).revoked).toBe(true);
  });

  it('should fail a tampered payload', async () => {
    const jwt = await credentialOf(await verifiedTherapist());
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.credentialSubject.achievement.name = 'Grand Master';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    await expect(verify(forged)).rejects.toThrow(/signature verification failed/);
  });

  it('should issue no credential for a certification not verified today', async () => {
    const unmatched = await addTherapist(t, association, {
      km: 1,
      record: 'unknown-number',
      firstName: 'Ottoline',
      lastName: 'Fairweather',
      displayName: 'Otto F.',
    });
    const unpublished = await verifiedTherapist();
    await t.db.query('UPDATE therapist_profile SET published = false WHERE id = $1', [unpublished.id]);
    for (const id of [
      unmatched.certificationId!,
      unpublished.certificationId!,
      '3f1c2a9e-0000-4000-8000-000000000000',
    ]) {
      const res = await t.http.get(credentialPath(id)).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await t.http.get(credentialPath('not-a-uuid')).expect(400);
  });

  it('should serve status lists of at least 16 KB with a cache lifetime of at most 300 s', async () => {
    const jwt = await credentialOf(await verifiedTherapist());
    const { credential } = await verify(jwt);
    const res = await fetch(credential.credentialStatus!.statusListCredential);
    expect(Number(/max-age=(\d+)/.exec(res.headers.get('cache-control')!)![1])).toBeLessThanOrEqual(300);
    const list = JSON.parse(Buffer.from((await res.text()).split('.')[1], 'base64url').toString());
    expect(statusBit(list.credentialSubject.encodedList, 131071)).toBe(false);
    await t.http.get('/credentials/status/999999').expect(404);
    await t.http.get('/credentials/status/abc').expect(404);
  });

  it('should document the credential route in OpenAPI as application/vc+jwt with its 404', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const operation = doc.paths['/api/v1/certifications/{id}/credential'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/vc+jwt']);
    expect(operation.responses['404']).toBeDefined();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/fhir'))).toEqual([]);
  });
});
