import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OpenApiContract } from './support/openapi-contract';
import { createTestApp, TestApp } from './support/app';

const run = promisify(execFile);

describe('the OpenAPI document', () => {
  let t: TestApp;
  let contract: OpenApiContract;
  beforeAll(async () => {
    t = await createTestApp();
    contract = new OpenApiContract((await t.http.get('/docs/openapi.json').expect(200)).body);
  });
  afterAll(() => t.close());

  const me = {
    id: '0b8f4a56-5f7e-4d5c-9c3e-2f1a6b7c8d9e',
    email: 'a@b.test',
    name: 'A',
    role: 'client',
    emailVerified: false,
  };
  const check = (status: number, body: unknown, type = 'application/json') =>
    contract.check('GET', '/api/v1/auth/me', status, type, JSON.stringify(body));

  it('should accept an answer that matches its documented schema', () => {
    expect(check(200, me)).toBeNull();
  });

  it('should catch a property the schema does not name, a missing one, an undocumented status and media type', () => {
    expect(check(200, { ...me, passwordHash: 'x' })).toMatch(/additional properties/);
    const { email: _email, ...withoutEmail } = me;
    expect(check(200, withoutEmail)).toMatch(/required property 'email'/);
    expect(check(418, {})).toMatch(/status 418 is not documented/);
    expect(check(200, me, 'text/html')).toMatch(/media type text\/html is not documented/);
    expect(contract.check('GET', '/api/v1/nowhere', 200, 'application/json', '{}')).toMatch(/not in the OpenAPI/);
  });

  it('should pass `redocly lint` with its recommended rules: no errors, no warnings', async () => {
    const { body } = await t.http.get('/docs/openapi.json').expect(200);
    const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(body));
    const { stdout } = await run(join('node_modules', '.bin', 'redocly'), ['lint', file, '--format=json']).catch(
      (error: { stdout: string }) => error,
    );
    await rm(dir, { recursive: true });
    const report = JSON.parse(stdout) as { totals: object; problems: { message: string }[] };
    expect(report.problems.map((p) => p.message)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('should be OpenAPI 3.1, with nullable values as unions with null', async () => {
    const { body } = await t.http.get('/docs/openapi.json').expect(200);
    expect(body.openapi).toBe('3.1.0');
    expect(JSON.stringify(body)).not.toContain('"nullable"');
    const priceRange = body.components.schemas.TherapistPublicDto.properties.priceRange;
    expect(priceRange.anyOf).toEqual([{ $ref: '#/components/schemas/PriceRangeViewDto' }, { type: 'null' }]);
  });
});
