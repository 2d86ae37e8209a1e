import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import { createTestApp, TestApp } from './support/app';
import type { paths } from './support/openapi-types';
import { REVIEW_BODY } from './support/reviews';
import { rosterEntry, toCsv } from './support/verification';
import { TEST_PASSWORD, uniqueEmail } from './support/users';

/**
 * API.md's journeys, walked by a client generated from the served document (openapi-typescript + openapi-fetch):
 * `npm run typecheck` compiles this file against the generated types, and every answer is checked against the
 * document by the suite's response validation.
 */
const TYPES_FILE = join(__dirname, 'support', 'openapi-types.ts');
const HEADER =
  '// Generated from /docs/openapi.json by openapi-typescript (UPDATE_OPENAPI_TYPES=1 npm test -- api-journeys).\n';
const ADMIN = { email: 'journeys-admin@example.test', password: TEST_PASSWORD };

describe('API.md journeys through a generated client', () => {
  let t: TestApp;
  let api: ReturnType<typeof createClient<paths>>;
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    api = createClient<paths>({ baseUrl: await t.app.getUrl() });
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

  it('should have client types generated from the document the service serves', async () => {
    const { body } = await t.http.get('/docs/openapi.json').expect(200);
    const dir = await mkdtemp(join(tmpdir(), 'openapi-types-'));
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(body));
    const generator = join('node_modules', '.bin', 'openapi-typescript');
    await promisify(execFile)(generator, [join(dir, 'openapi.json'), '-o', join(dir, 'types.ts')]);
    const generated = `${HEADER}${await readFile(join(dir, 'types.ts'), 'utf8')}`;
    await rm(dir, { recursive: true });
    if (process.env.UPDATE_OPENAPI_TYPES) {
      await writeFile(TYPES_FILE, generated);
    }
    // When the API changes, regenerate: UPDATE_OPENAPI_TYPES=1 npm test -- api-journeys
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(generated);
  });

  it('should take a therapist from sign-up to a verified, searchable, reviewed profile', async () => {
    const admin = await api.POST('/api/v1/auth/login', { body: ADMIN });
    const platform = bearer(admin.data!.accessToken);
    const slug = `journey-${Date.now()}`;
    const association = await api.POST('/api/v1/associations', {
      ...platform,
      body: { slug, name: 'Journey NMT Board', website: 'https://board.example.org', credentialTypes: ['CNMT'] },
    });
    expect(association.response.status).toBe(201);
    const adminEmail = uniqueEmail('board');
    await api.POST('/api/v1/associations/{slug}/admins', {
      ...platform,
      params: { path: { slug } },
      body: { email: adminEmail, password: TEST_PASSWORD, name: 'Board Admin' },
    });
    const boardLogin = await api.POST('/api/v1/auth/login', { body: { email: adminEmail, password: TEST_PASSWORD } });
    const board = bearer(boardLogin.data!.accessToken);
    const record = rosterEntry({ firstName: 'Jordan', lastName: 'Reyes' });
    const imported = await api.POST('/api/v1/associations/{slug}/records/import', {
      ...board,
      params: { path: { slug } },
      body: [{ ...record, status: 'active' }],
    });
    expect(imported.data).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: [] });
    const records = await api.GET('/api/v1/associations/{slug}/records', {
      ...board,
      params: { path: { slug }, query: { limit: 10 } },
    });
    expect(records.data!.items.map((r) => r.credentialNumber)).toEqual([record.credentialNumber]);

    const signUp = await api.POST('/api/v1/auth/register', {
      body: { email: uniqueEmail('jordan'), password: TEST_PASSWORD, role: 'therapist', name: 'Jordan Reyes' },
    });
    const therapist = bearer(signUp.data!.accessToken);
    const me = await api.GET('/api/v1/auth/me', therapist);
    expect(me.data!.role).toBe('therapist');
    const profile = await api.POST('/api/v1/therapists', {
      ...therapist,
      body: {
        firstName: 'Jordan',
        lastName: 'Reyes',
        displayName: 'Jordan Reyes, CNMT',
        bio: 'Neuromuscular therapy for chronic low back pain and tension headaches.',
        practice: { city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
        conditionSlugs: ['low-back-pain'],
        specialtySlugs: ['trigger-point-therapy'],
        sessionLengths: [60, 90],
      },
    });
    expect(profile.response.status).toBe(201);
    const patched = await api.PATCH('/api/v1/therapists/me', {
      ...therapist,
      body: { version: profile.data!.version, acceptingNewClients: true },
    });
    expect(patched.data!.version).toBe(profile.data!.version + 1);

    const claim = await api.POST('/api/v1/therapists/me/certifications', {
      ...therapist,
      body: { associationSlug: slug, credentialType: 'CNMT', credentialNumber: record.credentialNumber },
    });
    expect(claim.data!.status).toBe('verified');
    const own = await api.GET('/api/v1/therapists/me/certifications', therapist);
    expect(own.data!.items[0].statusReason).toMatch(/Verified against/);
    const audit = await api.GET('/api/v1/certifications/{id}/audit', {
      ...therapist,
      params: { path: { id: claim.data!.id } },
    });
    expect(audit.data!.items.map((e) => e.toStatus)).toEqual(['verified']);
    const lookup = await api.GET('/api/v1/verify', {
      params: { query: { association: slug, credentialNumber: record.credentialNumber } },
    });
    expect(lookup.data!.verifiedProfile?.id).toBe(profile.data!.id);

    const found = await api.GET('/api/v1/search/therapists', {
      params: { query: { postalCode: '78701', condition: 'back pain', radiusKm: 10 } },
    });
    expect(found.data!.items.map((i) => i.id)).toContain(profile.data!.id);
    const open = await api.GET('/api/v1/therapists/{id}', { params: { path: { id: profile.data!.id } } });
    expect(open.data!.verified).toBe(true);

    const invitation = await api.POST('/api/v1/therapists/me/review-invitations', therapist);
    const client = await api.POST('/api/v1/auth/register', {
      body: { email: uniqueEmail('client'), password: TEST_PASSWORD, role: 'client', name: 'Casey Client' },
    });
    const review = await api.POST('/api/v1/therapists/{id}/reviews', {
      ...bearer(client.data!.accessToken),
      params: { path: { id: profile.data!.id } },
      body: { rating: 5, body: REVIEW_BODY, invitationCode: invitation.data!.code },
    });
    expect(review.data!.verifiedClient).toBe(true);
    await api.POST('/api/v1/reviews/{id}/response', {
      ...therapist,
      params: { path: { id: review.data!.id } },
      body: { body: 'Thank you for the kind words, and for your patience.' },
    });
    const reviews = await api.GET('/api/v1/therapists/{id}/reviews', { params: { path: { id: profile.data!.id } } });
    expect(reviews.data!.items[0].response?.body).toMatch(/Thank you/);
  });

  it('should let an association admin decide what the check cannot, and keep the trail', async () => {
    const admin = await api.POST('/api/v1/auth/login', { body: ADMIN });
    const platform = bearer(admin.data!.accessToken);
    const slug = `queue-${Date.now()}`;
    await api.POST('/api/v1/associations', {
      ...platform,
      body: { slug, name: 'Queue NMT Board', website: 'https://queue.example.org', credentialTypes: ['CNMT'] },
    });
    const adminEmail = uniqueEmail('queue');
    await api.POST('/api/v1/associations/{slug}/admins', {
      ...platform,
      params: { path: { slug } },
      body: { email: adminEmail, password: TEST_PASSWORD, name: 'Queue Admin' },
    });
    const board = bearer(
      (await api.POST('/api/v1/auth/login', { body: { email: adminEmail, password: TEST_PASSWORD } })).data!
        .accessToken,
    );
    const record = rosterEntry({ firstName: 'Margaret', lastName: 'Quinn' });
    const csv = await api.POST('/api/v1/associations/{slug}/records/import', {
      params: { path: { slug } },
      body: toCsv([record]),
      bodySerializer: (text) => text as string,
      headers: { ...board.headers, 'Content-Type': 'text/csv' },
    });
    expect(csv.data!.inserted).toBe(1);
    const signUp = await api.POST('/api/v1/auth/register', {
      body: { email: uniqueEmail('peggy'), password: TEST_PASSWORD, role: 'therapist', name: 'Peggy Quinn' },
    });
    const therapist = bearer(signUp.data!.accessToken);
    await api.POST('/api/v1/therapists', {
      ...therapist,
      body: {
        firstName: 'Peggy',
        lastName: 'Quinn',
        displayName: 'Peggy Quinn',
        practice: { city: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' },
      },
    });
    const claim = await api.POST('/api/v1/therapists/me/certifications', {
      ...therapist,
      body: { associationSlug: slug, credentialType: 'CNMT', credentialNumber: record.credentialNumber },
    });
    expect(claim.data!.status).toBe('needs_review');
    const queue = await api.GET('/api/v1/associations/{slug}/verifications', {
      ...board,
      params: { path: { slug }, query: { status: 'needs_review' } },
    });
    const item = queue.data!.items[0];
    expect(item).toMatchObject({
      id: claim.data!.id,
      claimant: { firstName: 'Peggy' },
      record: { firstName: 'Margaret' },
    });
    const decided = await api.POST('/api/v1/certifications/{id}/decision', {
      ...board,
      params: { path: { id: item.id } },
      body: { decision: 'verify', reason: 'Peggy is a known short form of Margaret; ID checked.' },
    });
    expect(decided.data!.status).toBe('verified');
    const audit = await api.GET('/api/v1/certifications/{id}/audit', { ...board, params: { path: { id: item.id } } });
    expect(audit.data!.items.map((e) => e.action)).toEqual(['submitted', 'verified']);
    const withdrawn = await api.DELETE('/api/v1/therapists/me/certifications/{id}', {
      ...therapist,
      params: { path: { id: item.id } },
    });
    expect(withdrawn.response.status).toBe(204);
  });

  it('should let a platform admin curate the taxonomy and run a partner key', async () => {
    const admin = await api.POST('/api/v1/auth/login', { body: ADMIN });
    const platform = bearer(admin.data!.accessToken);
    const conditions = await api.GET('/api/v1/conditions');
    expect(conditions.data!.items.find((c) => c.slug === 'fibromyalgia')?.icd10).toContain('M79.7');
    const created = await api.POST('/api/v1/conditions', {
      ...platform,
      body: { slug: 'journey-knee-pain', name: 'Knee pain', icd10: ['M25.569'], synonyms: ['sore knee'] },
    });
    expect(created.response.status).toBe(201);
    const edited = await api.PATCH('/api/v1/conditions/{slug}', {
      ...platform,
      params: { path: { slug: 'journey-knee-pain' } },
      body: { synonyms: ['sore knee', 'knee ache'] },
    });
    expect(edited.data!.synonyms).toEqual(['sore knee', 'knee ache']);
    await api.DELETE('/api/v1/conditions/{slug}', { ...platform, params: { path: { slug: 'journey-knee-pain' } } });
    const specialties = await api.GET('/api/v1/specialties');
    expect(specialties.data!.items.map((s) => s.slug)).toContain('myofascial-release');

    const partner = await api.POST('/api/v1/partners', {
      ...platform,
      body: { name: 'Clinic site', allowedOrigins: ['https://clinic.example.org'] },
    });
    const keyed = { headers: { 'X-Api-Key': partner.data!.apiKey } };
    const search = await api.GET('/api/v1/search/therapists', {
      ...keyed,
      params: { query: { near: '30.2672,-97.7431', verifiedOnly: false } },
    });
    expect(search.response.status).toBe(200);
    const usage = await api.GET('/api/v1/partners/{id}/usage', {
      ...platform,
      params: { path: { id: partner.data!.id } },
    });
    expect(usage.data!.items.reduce((n, d) => n + d.requests, 0)).toBeGreaterThanOrEqual(1);
    await api.DELETE('/api/v1/partners/{id}/key', { ...platform, params: { path: { id: partner.data!.id } } });
    const refused = await api.GET('/api/v1/search/therapists', {
      ...keyed,
      params: { query: { postalCode: '78701' } },
    });
    expect(refused.response.status).toBe(401);
    expect(refused.error?.detail).toMatch(/revoked/);
  });

  it('should refresh and end sessions as a client would', async () => {
    const signUp = await api.POST('/api/v1/auth/register', {
      body: { email: uniqueEmail('session'), password: TEST_PASSWORD, role: 'client', name: 'Sam Session' },
    });
    const refreshed = await api.POST('/api/v1/auth/refresh', { body: { refreshToken: signUp.data!.refreshToken } });
    expect(refreshed.response.status).toBe(200);
    const logout = await api.POST('/api/v1/auth/logout', bearer(refreshed.data!.accessToken));
    expect(logout.response.status).toBe(204);
    const after = await api.GET('/api/v1/auth/me', bearer(refreshed.data!.accessToken));
    expect(after.response.status).toBe(401);
  });
});
