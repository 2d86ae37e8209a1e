import { Readable } from 'node:stream';
import { createTestApp, TestApp } from './support/app';
import {
  createAssociation,
  HEADER,
  importCsv,
  importJson,
  NO_JOBS,
  rosterEntry,
  TestAssociation,
  toCsv,
} from './support/verification';

describe('roster import', () => {
  let t: TestApp;
  let a: TestAssociation;
  beforeAll(async () => {
    t = await createTestApp(NO_JOBS);
    a = await createAssociation(t);
  });
  afterAll(() => t.close());

  const count = async (assoc: TestAssociation) =>
    Number(
      (
        await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM roster_record WHERE association_id = $1', [
          assoc.id,
        ])
      )[0].n,
    );

  it('should insert a CSV roster, then report a re-import of the same file as unchanged', async () => {
    const b = await createAssociation(t);
    const csv = toCsv([
      rosterEntry(),
      rosterEntry({ middleName: 'Elena', city: 'Austin', region: 'TX' }),
      rosterEntry(),
    ]);
    const first = await importCsv(t, b, csv).expect(200);
    expect(first.body).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: [] });
    const again = await importCsv(t, b, csv).expect(200);
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(await count(b)).toBe(3);
  });

  it('should upsert by normalised credential number and never delete', async () => {
    const b = await createAssociation(t);
    const kept = rosterEntry({ credentialNumber: 'KEEP-1' });
    await importCsv(t, b, toCsv([rosterEntry({ credentialNumber: 'NMT-0042' }), kept])).expect(200);
    const res = await importCsv(t, b, toCsv([rosterEntry({ credentialNumber: 'nmt 0042', status: 'revoked' })])).expect(
      200,
    );
    expect(res.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const rows = await t.db.query(
      'SELECT credential_number, status FROM roster_record WHERE association_id = $1 ORDER BY 1',
      [b.id],
    );
    expect(rows).toEqual([
      { credential_number: 'KEEP-1', status: 'active' },
      { credential_number: 'nmt 0042', status: 'revoked' },
    ]);
  });

  it('should handle a BOM, CRLF line ends, quotes and embedded newlines', async () => {
    const b = await createAssociation(t);
    const csv =
      '\uFEFF' +
      [
        'credentialNumber,firstName,lastName,credentialType,status,issuedOn,city',
        'Q-1,"Ana, Maria","O""Neil",CNMT,active,2020-01-01,"Salt Lake\r\nCity"',
        'Q-2,Bo,Li,CNMT,active,2020-01-01,Provo',
      ].join('\r\n') +
      '\r\n';
    const res = await t.http
      .post(`/api/v1/associations/${b.slug}/records/import`)
      .set(b.admin.auth)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(csv)
      .expect(200);
    expect(res.body).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: [] });
    const [row] = await t.db.query(
      'SELECT first_name, last_name, city FROM roster_record WHERE credential_number = $1',
      ['Q-1'],
    );
    expect(row).toEqual({ first_name: 'Ana, Maria', last_name: 'O"Neil', city: 'Salt Lake City' });
  });

  it('should reject bad rows with their line and reason while the good rows land', async () => {
    const b = await createAssociation(t);
    const csv = [
      'credentialNumber,firstName,lastName,credentialType,status,issuedOn,expiresOn',
      'G-1,Ana,Lee,CNMT,active,2020-01-01,',
      'B-1,Ana,Lee,CNMT,active,2025-02-30,',
      'B-2,Ana,Lee,CNMT,dormant,2020-01-01,',
      '"B-3,multi',
      'line",,Lee,CNMT,active,2020-01-01,',
      'B-4,Ana,Lee,CNMT,active,2020-01-01,2019-01-01',
      'B-5,Ana,Lee,CNMT,active',
      'G-2,Ben,Ng,CNMT,expired,2020-01-01,2021-01-01',
      '=HYPERLINK("x"),Ana,Lee,CNMT,bogus,2020-01-01,',
    ].join('\n');
    const res = await importCsv(t, b, csv).expect(200);
    expect(res.body.inserted).toBe(2);
    expect(res.body.rejected).toEqual([
      { line: 3, reason: 'issuedOn is not a real calendar date in the form YYYY-MM-DD' },
      { line: 4, reason: 'status must be one of active, expired, suspended, revoked' },
      { line: 5, reason: 'firstName is required' },
      { line: 7, reason: 'expiresOn is before issuedOn' },
      { line: 8, reason: 'has 5 fields; the header has 7' },
      { line: 10, reason: 'status must be one of active, expired, suspended, revoked' },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/HYPERLINK|dormant/);
  });

  it('should refuse a number given on several rows of one file, report every line, and keep the record on file', async () => {
    const b = await createAssociation(t);
    await importCsv(t, b, toCsv([rosterEntry({ credentialNumber: 'D-1', firstName: 'Original' })])).expect(200);
    const csv = toCsv([
      rosterEntry({ credentialNumber: 'D-1', firstName: 'First' }),
      rosterEntry({ credentialNumber: 'X-1' }),
      rosterEntry({ credentialNumber: 'd 1', firstName: 'Last' }),
    ]);
    const res = await importCsv(t, b, csv).expect(200);
    const reason = 'the same credential number is on lines 2, 4; none of them was imported';
    expect(res.body).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { line: 2, reason },
        { line: 4, reason },
      ],
    });
    const [row] = await t.db.query(
      'SELECT first_name FROM roster_record WHERE association_id = $1 AND credential_number_norm = $2',
      [b.id, 'D1'],
    );
    expect(row.first_name).toBe('Original');
  });

  it('should accept a header-only file (0 rows) and a 1-row file', async () => {
    const b = await createAssociation(t);
    expect((await importCsv(t, b, `${HEADER}\n`).expect(200)).body).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    expect((await importCsv(t, b, toCsv([rosterEntry()])).expect(200)).body).toMatchObject({
      inserted: 1,
      rejected: [],
    });
  });

  it('should refuse a wrong header with 400 naming the problem, and change nothing', async () => {
    const b = await createAssociation(t);
    const res = await importCsv(
      t,
      b,
      `number,first,lastName,credentialType,status,issuedOn\n${'X,A,B,C,active,2020-01-01\n'.repeat(500)}`,
    ).expect(400);
    expect(res.body.detail).toMatch(
      /unknown column\(s\) "number", "first"; missing required column\(s\) credentialNumber, firstName/,
    );
    const empty = await importCsv(t, b, '').expect(400);
    expect(empty.body.detail).toMatch(/header/);
    expect(await count(b)).toBe(0);
  });

  it('should refuse unbalanced quotes with 400 and import nothing of that file', async () => {
    const b = await createAssociation(t);
    const csv =
      toCsv([rosterEntry()]) + 'U-1,"Ana,Lee,CNMT,active,2020-01-01,,,,\nU-2,Bo,Li,CNMT,active,2020-01-01,,,,\n';
    const res = await importCsv(t, b, csv).expect(400);
    expect(res.body.detail).toMatch(/Unbalanced quotes.*line 3/);
    expect(await count(b)).toBe(0);
  });

  it('should refuse binary data with 400', async () => {
    const b = await createAssociation(t);
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x00]);
    const res = await importCsv(t, b, binary).expect(400);
    expect(res.body.detail).toMatch(/binary/);
    const invalidUtf8 = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]);
    await importCsv(t, b, invalidUtf8).expect(400);
  });

  it('should refuse a 60 MB upload with 413', async () => {
    const b = await createAssociation(t);
    const line = 'BIG-0000000001,Ana,,Lee,CNMT,active,2020-01-01,,Austin,TX\n';
    const big = Buffer.from(HEADER + '\n' + line.repeat(Math.ceil((60 * 1024 * 1024) / line.length)));
    const res = await importCsv(t, b, big).expect(413);
    expect(res.body.status).toBe(413);
    const json = await t.http
      .post(`/api/v1/associations/${b.slug}/records/import`)
      .set(b.admin.auth)
      .set('Content-Type', 'application/json')
      .send(`[${'"x",'.repeat(15 * 1024 * 1024)}"x"]`)
      .expect(413);
    expect(json.body.status).toBe(413);
    expect(await count(b)).toBe(0);
  });

  it('should enforce the 50 MB limit while streaming a body without Content-Length', async () => {
    const b = await createAssociation(t);
    const chunk = Buffer.from(`S-1,Ana,,Lee,CNMT,active,2020-01-01,,${'x'.repeat(1024 * 1024)},\n`);
    let sent = 0;
    const payload = new Readable({
      read() {
        sent += chunk.length;
        this.push(
          sent === chunk.length
            ? Buffer.concat([Buffer.from(`${HEADER}\n`), chunk])
            : sent > 55 * 1024 * 1024
              ? null
              : chunk,
        );
      },
    });
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: `/api/v1/associations/${b.slug}/records/import`,
        headers: { ...b.admin.auth, 'content-type': 'text/csv' },
        payload,
      });
    expect(res.headers['content-length']).toBeDefined();
    expect(res.statusCode).toBe(413);
    expect(await count(b)).toBe(0);
  }, 180_000); // streams 55 MB through the parser: slow on a busy machine

  it('should import a JSON array, with line = position in the array', async () => {
    const b = await createAssociation(t);
    const res = await importJson(t, b, [
      rosterEntry({ credentialNumber: 'J-1' }),
      { ...rosterEntry(), status: 'lapsed' },
      'not an object',
      { ...rosterEntry(), credentialNumber: 42 },
      { ...rosterEntry(), '=cmd()': 'x' },
    ]).expect(200);
    expect(res.body).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { line: 2, reason: 'status must be one of active, expired, suspended, revoked' },
        { line: 3, reason: 'must be an object' },
        { line: 4, reason: 'credentialNumber must be text' },
        { line: 5, reason: "unknown field(s): '=cmd()" },
      ],
    });
    await importJson(t, b, { not: 'an array' }).expect(400);
  });

  it('should refuse other content types with 415, and text/csv on other routes', async () => {
    await t.http
      .post(`/api/v1/associations/${a.slug}/records/import`)
      .set(a.admin.auth)
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(415);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'text/csv').send('a,b').expect(415);
  });

  it("should let only that association's admin import or list", async () => {
    const other = await createAssociation(t);
    await importCsv(t, a, toCsv([rosterEntry()]), other.admin.auth).expect(403);
    await t.http.get(`/api/v1/associations/${a.slug}/records`).set(other.admin.auth).expect(403);
    await t.http
      .post('/api/v1/associations/nope-nope/records/import')
      .set(a.admin.auth)
      .set('Content-Type', 'text/csv')
      .send(HEADER)
      .expect(404);
    await t.http
      .post(`/api/v1/associations/${a.slug}/records/import`)
      .set('Content-Type', 'text/csv')
      .send(HEADER)
      .expect(401);
  });

  it('should page the records and filter by credential number and status', async () => {
    const b = await createAssociation(t);
    const entries = Array.from({ length: 5 }, (_, i) =>
      rosterEntry({ credentialNumber: `P-${i}`, status: i % 2 ? 'revoked' : 'active' }),
    );
    await importCsv(t, b, toCsv(entries)).expect(200);
    const url = `/api/v1/associations/${b.slug}/records`;
    const first = await t.http.get(url).query({ limit: 2 }).set(b.admin.auth).expect(200);
    expect(first.body.items.map((r: { credentialNumber: string }) => r.credentialNumber)).toEqual(['P-0', 'P-1']);
    const second = await t.http
      .get(url)
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(b.admin.auth)
      .expect(200);
    expect(second.body.items.map((r: { credentialNumber: string }) => r.credentialNumber)).toEqual(['P-2', 'P-3']);
    const one = await t.http.get(url).query({ credentialNumber: 'p 3' }).set(b.admin.auth).expect(200);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({ credentialNumber: 'P-3', status: 'revoked', issuedOn: '2020-01-15' });
    const revoked = await t.http.get(url).query({ status: 'revoked' }).set(b.admin.auth).expect(200);
    expect(revoked.body.items).toHaveLength(2);
    await t.http.get(url).query({ status: 'bogus' }).set(b.admin.auth).expect(400);
    await t.http.get(url).query({ cursor: 'garbage' }).set(b.admin.auth).expect(400);
  });
});
