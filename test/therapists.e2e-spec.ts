import { TherapistOwnDto } from '../src/therapists/dto/therapist-view.dto';
import { Role } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/app';
import { insertAssociation, insertCertification, insertProfile, profileBody } from './support/profiles';
import { createAdmin, registerUser, TestUser } from './support/users';

describe('therapist profiles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = async (
    body: Record<string, unknown> = profileBody(),
  ): Promise<{ user: TestUser; profile: TherapistOwnDto }> => {
    const user = await registerUser(t, Role.Therapist);
    const res = await t.http.post('/api/v1/therapists').set(user.auth).send(body).expect(201);
    return { user, profile: res.body };
  };

  describe('POST /therapists', () => {
    it('should create the whole profile, placed at the real centroid of its ZIP', async () => {
      const { profile } = await create();
      expect(profile).toMatchObject({
        firstName: 'Maria',
        lastName: 'Garcia',
        middleName: null,
        displayName: 'Maria Garcia, LMT',
        practice: { name: 'Eastside Bodywork', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
        languages: ['en', 'es'],
        sessionLengths: [60, 90],
        acceptingNewClients: true,
        priceRange: { min: 90, max: 140, currency: 'USD' },
        specialtySlugs: ['myofascial-release', 'trigger-point-therapy'],
        conditionSlugs: ['fibromyalgia', 'low-back-pain'],
        specialties: [
          { slug: 'myofascial-release', name: 'Myofascial release' },
          { slug: 'trigger-point-therapy', name: 'Trigger point therapy' },
        ],
        conditions: [
          { slug: 'fibromyalgia', name: 'Fibromyalgia' },
          { slug: 'low-back-pain', name: 'Low back pain' },
        ],
        contact: { phone: '(512) 555-0142', website: 'https://eastside.example', email: 'hello@eastside.example' },
        published: true,
        version: 1,
        locationSource: 'postal_code',
        certifications: [],
        rating: { average: null, count: 0, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
        verified: false,
      });
      expect(profile.location.lat).toBeCloseTo(30.2706, 3);
      expect(profile.location.lng).toBeCloseTo(-97.7426, 3);
      expect(Date.now() - Date.parse(String(profile.acceptingNewClientsConfirmedAt))).toBeLessThan(60_000);
    });

    it('should let an explicit location win over the postal code, and accept an unknown postal code with it', async () => {
      const { profile } = await create(profileBody({ location: { lat: 30.3, lng: -97.7 } }));
      expect(profile).toMatchObject({ location: { lat: 30.3, lng: -97.7 }, locationSource: 'explicit' });
      const abroad = profileBody({
        practice: { city: 'Toronto', region: 'ON', postalCode: 'M5V 2T6', country: 'ca' },
        location: { lat: 43.64, lng: -79.39 },
      });
      const { profile: other } = await create(abroad);
      expect(other.practice).toMatchObject({ postalCode: 'M5V 2T6', country: 'CA' });
    });

    it('should accept a ZIP+4 and place it at its ZIP', async () => {
      const { profile } = await create(
        profileBody({ practice: { city: 'New York', region: 'NY', postalCode: '10001-2345', country: 'US' } }),
      );
      expect(profile.practice.postalCode).toBe('10001-2345');
      expect(profile.location.lat).toBeCloseTo(40.7507, 3);
    });

    it('should refuse an unknown postal code without a location with 422 naming it', async () => {
      const user = await registerUser(t, Role.Therapist);
      const res = await t.http
        .post('/api/v1/therapists')
        .set(user.auth)
        .send(profileBody({ practice: { city: 'Nowhere', region: 'TX', postalCode: '00000', country: 'US' } }))
        .expect(422);
      expect(res.body.detail).toContain('00000');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'practice.postalCode' })]);
      await t.http.get('/api/v1/therapists/me').set(user.auth).expect(404);
    });

    it('should refuse unknown slugs with 422 naming each slug', async () => {
      const user = await registerUser(t, Role.Therapist);
      const res = await t.http
        .post('/api/v1/therapists')
        .set(user.auth)
        .send(profileBody({ specialtySlugs: ['deep-tissue', 'reiki-magic'], conditionSlugs: ['lumbago'] }))
        .expect(422);
      expect(res.body.detail).toContain('reiki-magic');
      expect(res.body.detail).toContain('lumbago');
      expect(res.body.errors).toEqual([
        { field: 'specialtySlugs', message: 'Unknown specialty slug "reiki-magic".' },
        { field: 'conditionSlugs', message: 'Unknown condition slug "lumbago".' },
      ]);
    });

    it('should refuse a second profile for the same user with 409', async () => {
      const { user } = await create();
      await t.http.post('/api/v1/therapists').set(user.auth).send(profileBody()).expect(409);
    });

    it('should refuse clients, admins and anonymous callers', async () => {
      const client = await registerUser(t, Role.Client);
      await t.http.post('/api/v1/therapists').set(client.auth).send(profileBody()).expect(403);
      const admin = await createAdmin(t, Role.PlatformAdmin);
      await t.http.post('/api/v1/therapists').set(admin.auth).send(profileBody()).expect(403);
      await t.http.post('/api/v1/therapists').send(profileBody()).expect(401);
      await t.http.post('/api/v1/therapists').send({}).expect(401);
      await t.http.get('/api/v1/therapists/me').set(client.auth).expect(403);
      await t.http.patch('/api/v1/therapists/me').send({ version: 1 }).expect(401);
    });

    it('should store HTML and script as plain text and return it as JSON', async () => {
      const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
      const { profile } = await create(
        profileBody({
          displayName: `  ${script}  `,
          bio: script,
          practice: { ...(profileBody().practice as object), name: script },
        }),
      );
      expect(profile.displayName).toBe(script);
      const res = await t.http.get(`/api/v1/therapists/${profile.id}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toMatchObject({ displayName: script, bio: script, practice: { name: script } });
    });

    it('should canonicalise language tags', async () => {
      const { profile } = await create(profileBody({ languages: ['EN-us', 'zh-hant-tw', 'ase'] }));
      expect(profile.languages).toEqual(['en-US', 'zh-Hant-TW', 'ase']);
    });
  });

  describe('bad input', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await registerUser(t, Role.Therapist);
    });
    const post = (body: Record<string, unknown>) => t.http.post('/api/v1/therapists').set(user.auth).send(body);
    const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

    it.each([
      ['latitude above 90', { location: { lat: 90.5, lng: 0 } }, 'location.lat'],
      ['latitude below -90', { location: { lat: -91, lng: 0 } }, 'location.lat'],
      ['longitude out of range', { location: { lat: 0, lng: 181 } }, 'location.lng'],
      ['latitude as a string', { location: { lat: '30', lng: -97 } }, 'location.lat'],
      ['negative session length', { sessionLengths: [-60] }, 'sessionLengths'],
      ['zero session length', { sessionLengths: [0] }, 'sessionLengths'],
      ['absurd session length', { sessionLengths: [60, 100000] }, 'sessionLengths'],
      ['fractional session length', { sessionLengths: [60.5] }, 'sessionLengths'],
      ['duplicate session lengths', { sessionLengths: [60, 60] }, 'sessionLengths'],
      ['seven session lengths', { sessionLengths: [15, 30, 45, 60, 75, 90, 120] }, 'sessionLengths'],
      ['price min above max', { priceRange: { min: 200, max: 100, currency: 'USD' } }, 'priceRange.max'],
      ['negative price', { priceRange: { min: -5, max: 100, currency: 'USD' } }, 'priceRange.min'],
      ['unknown currency', { priceRange: { min: 5, max: 100, currency: 'XYZ' } }, 'priceRange.currency'],
      ['invalid language tag', { languages: ['english'] }, 'languages'],
      ['malformed language tag', { languages: ['en_US'] }, 'languages'],
      ['unknown language', { languages: ['xx'] }, 'languages'],
      ['bio over 5000 characters', { bio: 'a'.repeat(5001) }, 'bio'],
      [
        'non-ISO country',
        { practice: { city: 'Austin', region: 'TX', postalCode: '78701', country: 'USA' } },
        'practice.country',
      ],
      ['missing city', { practice: { region: 'TX', postalCode: '78701', country: 'US' } }, 'practice.city'],
      ['blank display name', { displayName: '   ' }, 'displayName'],
      ['missing legal name', { firstName: undefined }, 'firstName'],
      ['javascript: website', { contact: { website: 'javascript:alert(1)' } }, 'contact.website'],
      ['ftp website', { contact: { website: 'ftp://files.example' } }, 'contact.website'],
      ['bad contact email', { contact: { email: 'not-an-email' } }, 'contact.email'],
      ['bad phone', { contact: { phone: '12' } }, 'contact.phone'],
      ['unknown field', { verified: true }, 'verified'],
      ['slug list not an array', { conditionSlugs: 'fibromyalgia' }, 'conditionSlugs'],
      ['null published', { published: null }, 'published'],
    ])('should refuse %s with 400 naming the field', async (_label, override, field) => {
      const res = await post(profileBody(override)).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('should refuse a 1 MB bio without a 500', async () => {
      const res = await post(profileBody({ bio: 'x'.repeat(1024 * 1024) }));
      expect([400, 413]).toContain(res.status);
      const justUnder = await post(profileBody({ bio: 'x'.repeat(1_000_000) }));
      expect(justUnder.status).toBe(400);
      expect(fieldsOf(justUnder.body)).toContain('bio');
    });

    it('should accept a bio of exactly 5000 characters', async () => {
      const res = await post(profileBody({ bio: 'b'.repeat(5000) })).expect(201);
      expect(res.body.bio).toHaveLength(5000);
    });
  });

  describe('GET /therapists/:id (public)', () => {
    it('should never show the email, user id or legal name', async () => {
      const { user, profile } = await create(profileBody({ middleName: 'Luisa' }));
      const res = await t.http.get(`/api/v1/therapists/${profile.id}`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(user.email);
      expect(text).not.toContain(user.id);
      for (const key of [
        'userId',
        'firstName',
        'middleName',
        'lastName',
        'version',
        'published',
        'email',
        'locationSource',
      ]) {
        expect(res.body).not.toHaveProperty(key);
      }
      expect(res.body).toMatchObject({
        id: profile.id,
        displayName: 'Maria Garcia, LMT',
        contact: { email: 'hello@eastside.example' },
      });
    });

    it('should answer 404 for unknown and unpublished profiles, and 400 for malformed ids', async () => {
      const { user, profile } = await create(profileBody({ published: false }));
      await t.http.get(`/api/v1/therapists/${profile.id}`).expect(404);
      await t.http.get('/api/v1/therapists/00000000-0000-4000-8000-000000000000').expect(404);
      const bad = await t.http.get('/api/v1/therapists/not-a-uuid').expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
      await t.http.get("/api/v1/therapists/1' OR '1'='1").expect(400);
      const own = await t.http.get('/api/v1/therapists/me').set(user.auth).expect(200);
      expect(own.body.published).toBe(false);
    });

    it('should show certifications as of today, the rating and the verified flag', async () => {
      const therapist = await registerUser(t, Role.Therapist);
      const { id } = await insertProfile(t, therapist.id, {
        specialtySlugs: ['deep-tissue'],
        conditionSlugs: ['migraine'],
      });
      const nmt = await insertAssociation(t, 'nmt-center');
      const expiredId = await insertCertification(t, id, nmt, {
        status: 'verified',
        expiresOn: '2020-01-31',
        credentialNumber: 'NMT-1',
      });
      await insertCertification(t, id, nmt, { status: 'verified', withdrawn: true, credentialNumber: 'NMT-2' });
      await insertCertification(t, id, nmt, { status: 'needs_review', credentialNumber: 'NMT-3' });
      await t.db.query(
        `INSERT INTO therapist_rating (therapist_id, count, sum, stars) VALUES ($1, 3, 13, '{0,0,1,1,1}')`,
        [id],
      );

      const before = await t.http.get(`/api/v1/therapists/${id}`).expect(200);
      expect(before.body.verified).toBe(false);
      expect(before.body.certifications).toHaveLength(2);
      expect(before.body.certifications[0]).toEqual({
        id: expiredId,
        associationSlug: 'nmt-center',
        credentialType: 'CNMT',
        credentialNumber: 'NMT-1',
        status: 'expired',
        verifiedAt: expect.any(String),
        lastCheckedAt: expect.any(String),
        expiresOn: '2020-01-31',
      });
      expect(before.body.certifications[1]).toMatchObject({ credentialNumber: 'NMT-3', status: 'needs_review' });
      expect(before.body.rating).toEqual({
        average: 4.33,
        count: 3,
        distribution: { '1': 0, '2': 0, '3': 1, '4': 1, '5': 1 },
      });
      expect(before.body.specialties).toEqual([{ slug: 'deep-tissue', name: 'Deep tissue massage' }]);
      expect(before.body.conditions).toEqual([{ slug: 'migraine', name: 'Migraine' }]);

      await insertCertification(t, id, nmt, { status: 'verified', expiresOn: null, credentialNumber: 'NMT-4' });
      const after = await t.http.get(`/api/v1/therapists/${id}`).expect(200);
      expect(after.body.verified).toBe(true);
    });
  });

  describe('PATCH /therapists/me', () => {
    it('should change only the named fields and bump the version', async () => {
      const { user, profile } = await create();
      const res = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({
          version: 1,
          displayName: ' Dr. Maria ',
          practice: { addressLine: null },
          contact: null,
          conditionSlugs: ['sciatica'],
        })
        .expect(200);
      expect(res.body).toMatchObject({
        version: 2,
        displayName: 'Dr. Maria',
        bio: profile.bio,
        practice: { ...profile.practice, addressLine: null },
        contact: null,
        conditionSlugs: ['sciatica'],
        specialtySlugs: profile.specialtySlugs,
        acceptingNewClientsConfirmedAt: profile.acceptingNewClientsConfirmedAt,
      });
      const me = await t.http.get('/api/v1/therapists/me').set(user.auth).expect(200);
      expect(me.body).toEqual(res.body);
    });

    it('should answer 409 to a stale version and change nothing', async () => {
      const { user } = await create();
      await t.http.patch('/api/v1/therapists/me').set(user.auth).send({ version: 1, bio: 'first' }).expect(200);
      const res = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 1, bio: 'second' })
        .expect(409);
      expect(res.body.detail).toMatch(/version/);
      const me = await t.http.get('/api/v1/therapists/me').set(user.auth).expect(200);
      expect(me.body).toMatchObject({ bio: 'first', version: 2 });
    });

    it('should require the version', async () => {
      const { user } = await create();
      const res = await t.http.patch('/api/v1/therapists/me').set(user.auth).send({ bio: 'x' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('version');
    });

    it('should not bump the version when nothing changes', async () => {
      const { user, profile } = await create();
      const res = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 1, bio: profile.bio, conditionSlugs: ['low-back-pain', 'fibromyalgia'] })
        .expect(200);
      expect(res.body.version).toBe(1);
    });

    it('should refresh acceptingNewClientsConfirmedAt whenever acceptingNewClients is sent, even unchanged', async () => {
      const { user, profile } = await create();
      await new Promise((r) => setTimeout(r, 20));
      const same = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 1, acceptingNewClients: true })
        .expect(200);
      expect(Date.parse(same.body.acceptingNewClientsConfirmedAt)).toBeGreaterThan(
        Date.parse(String(profile.acceptingNewClientsConfirmedAt)),
      );
      expect(same.body.version).toBe(2);
      const off = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 2, acceptingNewClients: false })
        .expect(200);
      expect(off.body.acceptingNewClients).toBe(false);
      const untouched = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 3, bio: 'new' })
        .expect(200);
      expect(untouched.body.acceptingNewClientsConfirmedAt).toBe(off.body.acceptingNewClientsConfirmedAt);
    });

    it('should re-geocode a new postal code, keep an explicit location, and go back to the postal code on location: null', async () => {
      const { user } = await create();
      const moved = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 1, practice: { city: 'Beverly Hills', region: 'CA', postalCode: '90210' } })
        .expect(200);
      expect(moved.body.location.lat).toBeCloseTo(34.1005, 3);
      expect(moved.body.location.lng).toBeCloseTo(-118.4146, 3);
      const pinned = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 2, location: { lat: 34, lng: -118 } })
        .expect(200);
      expect(pinned.body).toMatchObject({ locationSource: 'explicit', location: { lat: 34, lng: -118 } });
      const stillPinned = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 3, practice: { postalCode: '10001' } })
        .expect(200);
      expect(stillPinned.body.location).toEqual({ lat: 34, lng: -118 });
      const unpinned = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 4, location: null })
        .expect(200);
      expect(unpinned.body.locationSource).toBe('postal_code');
      expect(unpinned.body.location.lat).toBeCloseTo(40.7507, 3);
    });

    it('should refuse an unknown postal code or slug on PATCH with 422 and change nothing', async () => {
      const { user } = await create();
      await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 1, practice: { postalCode: '00000' } })
        .expect(422);
      const res = await t.http
        .patch('/api/v1/therapists/me')
        .set(user.auth)
        .send({ version: 1, specialtySlugs: ['nope'] })
        .expect(422);
      expect(res.body.detail).toContain('nope');
      const me = await t.http.get('/api/v1/therapists/me').set(user.auth).expect(200);
      expect(me.body).toMatchObject({ version: 1, practice: { postalCode: '78701' } });
    });

    it('should refuse nulls for required fields and bad values', async () => {
      const { user } = await create();
      for (const body of [
        { displayName: null },
        { practice: { city: null } },
        { sessionLengths: [500] },
        { priceRange: { min: 9, max: 1, currency: 'USD' } },
        { version: 0 },
      ]) {
        await t.http
          .patch('/api/v1/therapists/me')
          .set(user.auth)
          .send({ version: 1, ...body })
          .expect(400);
      }
    });

    it('should hide a profile from the public once unpublished', async () => {
      const { user, profile } = await create();
      await t.http.get(`/api/v1/therapists/${profile.id}`).expect(200);
      await t.http.patch('/api/v1/therapists/me').set(user.auth).send({ version: 1, published: false }).expect(200);
      await t.http.get(`/api/v1/therapists/${profile.id}`).expect(404);
    });

    it('should answer 404 when the therapist has no profile yet', async () => {
      const user = await registerUser(t, Role.Therapist);
      await t.http.patch('/api/v1/therapists/me').set(user.auth).send({ version: 1 }).expect(404);
    });
  });

  it('should document the routes in the OpenAPI document', async () => {
    const res = await t.http.get('/docs/openapi.json').expect(200);
    expect(res.body.paths['/api/v1/therapists'].post.responses).toHaveProperty('422');
    expect(res.body.paths['/api/v1/therapists/me'].patch.responses).toHaveProperty('409');
    expect(res.body.paths['/api/v1/conditions/{slug}'].delete.responses).toHaveProperty('409');
  });
});
