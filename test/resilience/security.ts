import { createHmac, randomUUID } from 'node:crypto';
import { Answer, bearer, call, pool } from './http';
import { Document, Operation, operationsOf, propertiesOf, sample } from './openapi';
import { ADMIN, JWT_SECRET } from './service';

export interface Actor {
  name: string;
  role?: string;
  headers: Record<string, string>;
}

export interface World {
  base: string;
  doc: Document;
  operations: Operation[];
  actors: Actor[];
  /** Ids of things that belong to none of the actors (demo therapists, their reviews, a partner, an association). */
  foreign: Record<string, string>;
  client: Actor;
}

export type Report = (name: string, figure: string, ok: boolean) => void;

const PASSWORD = 'resilience probe password 42';

async function register(base: string, role: 'client' | 'therapist'): Promise<Actor & { token: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const res = await call(base, '/api/v1/auth/register', {
    method: 'POST',
    body: { email, password: PASSWORD, role, name: role === 'client' ? 'Casey Probe' : 'Terry Probe' },
  });
  const token = (res.body as { accessToken?: string }).accessToken;
  if (!token) {
    throw new Error(`registering a ${role} answered ${res.status}`);
  }
  return { name: role, role, headers: bearer(token), token };
}

export async function buildWorld(base: string): Promise<World> {
  const doc = (await call(base, '/docs/openapi.json')).body as Document;
  const login = await call(base, '/api/v1/auth/login', { method: 'POST', body: ADMIN });
  const adminToken = (login.body as { accessToken: string }).accessToken;
  const admin: Actor = { name: 'platform admin', role: 'platform_admin', headers: bearer(adminToken) };
  const client = await register(base, 'client');
  const therapist = await register(base, 'therapist');
  const partner = await call(base, '/api/v1/partners', {
    method: 'POST',
    headers: admin.headers,
    body: { name: 'Probe partner', allowedOrigins: [] },
  });
  const { id: partnerId, apiKey } = partner.body as { id: string; apiKey: string };
  const slug = `probe-${randomUUID().slice(0, 6)}`;
  await call(base, '/api/v1/associations', {
    method: 'POST',
    headers: admin.headers,
    body: { slug, name: 'Probe association', credentialTypes: ['NMT'] },
  });
  const search = await call(base, '/api/v1/search/therapists?postalCode=10001&verifiedOnly=false');
  const items = (search.body as { items?: { id: string }[] }).items ?? [];
  const therapistId = items[0]?.id ?? randomUUID();
  const reviews = await call(base, `/api/v1/therapists/${therapistId}/reviews`);
  const reviewId = ((reviews.body as { items?: { id: string }[] }).items ?? [])[0]?.id ?? randomUUID();
  return {
    base,
    doc,
    operations: operationsOf(doc),
    actors: [
      { name: 'anonymous', headers: {} },
      { name: 'partner key', headers: { 'X-Api-Key': apiKey } },
      { name: 'client', role: 'client', headers: client.headers },
      { name: 'therapist', role: 'therapist', headers: therapist.headers },
      admin,
    ],
    foreign: { therapist: therapistId, review: reviewId, partner: partnerId, association: slug, random: randomUUID() },
    client,
  };
}

/** The path with every parameter filled: a slug with the foreign association's, any id with `id`. */
function fill(op: Operation, id: string, world: World): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    /slug|association/i.test(name) && !/id$/i.test(name) ? world.foreign.association : id,
  );
}

function bodyOf(op: Operation, world: World): unknown {
  return op.body ? (sample(world.doc, op.body) ?? {}) : undefined;
}

/** Destructive for the prober itself (would sign it out or delete it): left out of the sweeps. */
function selfDestructive(op: Operation): boolean {
  return (op.method === 'DELETE' && op.path.endsWith('/me')) || /\/auth\/logout|\/me\/password$/.test(op.path);
}

export async function authorizationMatrix(world: World, report: Report): Promise<void> {
  const ids = [...new Set(Object.values(world.foreign))];
  let requests = 0;
  let fiveHundreds = 0;
  const leaks: string[] = [];
  const jobs: { op: Operation; actor: Actor; id: string }[] = [];
  for (const op of world.operations.filter((o) => !selfDestructive(o))) {
    for (const actor of world.actors) {
      for (const id of op.path.includes('{') ? ids : ['']) {
        jobs.push({ op, actor, id });
      }
    }
  }
  // Writes last, and the platform admin's writes at the very end: they change what the others see.
  jobs.sort((a, b) => rank(a) - rank(b));
  await pool(jobs, 8, async ({ op, actor, id }) => {
    const res = await call(world.base, fill(op, id, world), {
      method: op.method,
      headers: actor.headers,
      body: bodyOf(op, world),
    });
    requests++;
    if (res.status >= 500) {
      fiveHundreds++;
    }
    const allowed =
      (op.public && !op.roles) || (actor.role !== undefined && (!op.roles || op.roles.includes(actor.role)));
    if (res.status >= 200 && res.status < 300 && !allowed) {
      leaks.push(`${actor.name} ${op.method} ${op.path} → ${res.status}`);
    }
  });
  report(
    'authorization matrix',
    `${world.operations.length} operations × ${world.actors.length} actors × foreign ids: ${requests} requests, ` +
      `${leaks.length} answered 2xx to a caller the document does not allow, ${fiveHundreds} 5xx`,
    leaks.length === 0 && fiveHundreds === 0,
  );
  leaks.slice(0, 5).forEach((l) => console.log(`    leak: ${l}`));
}

function rank({ op, actor }: { op: Operation; actor: Actor }): number {
  return (op.method === 'GET' ? 0 : 2) + (actor.role === 'platform_admin' ? 1 : 0);
}

const PRIVILEGED = {
  id: '00000000-0000-4000-8000-000000000001',
  role: 'platform_admin',
  userId: '00000000-0000-4000-8000-000000000001',
  status: 'verified',
  verifiedAt: '2020-01-01T00:00:00Z',
  published: true,
  emailVerifiedAt: '2020-01-01T00:00:00Z',
  isAdmin: true,
  associationId: '00000000-0000-4000-8000-000000000001',
  keyHash: 'x',
  createdAt: '2020-01-01T00:00:00Z',
  __proto__: { polluted: true },
  constructor: { prototype: { polluted: true } },
};

export async function massAssignment(world: World, report: Report): Promise<void> {
  let variants = 0;
  const accepted: string[] = [];
  let fiveHundreds = 0;
  const writes = world.operations.filter((o) => o.body && !selfDestructive(o));
  const jobs: { op: Operation; actor: Actor; field: string }[] = [];
  for (const op of writes) {
    const known = propertiesOf(world.doc, op.body);
    for (const field of Object.keys(PRIVILEGED).filter((f) => !known.includes(f))) {
      for (const actor of world.actors.filter((a) => a.role)) {
        jobs.push({ op, actor, field });
      }
    }
  }
  await pool(jobs, 8, async ({ op, actor, field }) => {
    const body = {
      ...(bodyOf(op, world) as object),
      [field]: PRIVILEGED[field as keyof typeof PRIVILEGED],
    };
    const text = field.startsWith('_') || field === 'constructor' ? rawWith(bodyOf(op, world), field) : body;
    const res = await call(world.base, fill(op, world.foreign.random, world), {
      method: op.method,
      headers: actor.headers,
      body: text,
    });
    variants++;
    if (res.status >= 500) {
      fiveHundreds++;
    } else if (res.status < 300) {
      accepted.push(`${actor.name} ${op.method} ${op.path} with "${field}" → ${res.status}`);
    }
  });
  report(
    'mass assignment',
    `${variants} bodies with a field the route does not take: ${accepted.length} accepted, ${fiveHundreds} 5xx`,
    accepted.length === 0 && fiveHundreds === 0,
  );
  accepted.slice(0, 5).forEach((l) => console.log(`    accepted: ${l}`));
}

function rawWith(body: unknown, field: string): string {
  const base = JSON.stringify(body ?? {});
  const extra = `"${field}":${field === 'constructor' ? '{"prototype":{"polluted":true}}' : '{"polluted":true}'}`;
  return base === '{}' ? `{${extra}}` : `${base.slice(0, -1)},${extra}}`;
}

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function sign(header: object, payload: object, secret: string, alg = 'sha256'): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac(alg, secret).update(unsigned).digest('base64url')}`;
}

export async function jwtForgeries(world: World, report: Report): Promise<void> {
  const token = world.client.headers.Authorization.slice(7);
  const [, payloadPart, signature] = token.split('.');
  const real = JSON.parse(Buffer.from(payloadPart, 'base64url').toString()) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const hs = { alg: 'HS256', typ: 'JWT' };
  const forgeries: Record<string, string> = {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(real)}.`,
    'alg none, no dot': `${b64({ alg: 'none' })}.${b64(real)}`,
    'wrong secret': sign(hs, real, 'not-the-secret-not-the-secret-not-the-secret'),
    'empty secret': sign(hs, real, ''),
    'HS512 with the secret': sign({ alg: 'HS512', typ: 'JWT' }, real, JWT_SECRET, 'sha512'),
    'RS256 header, HMAC signature': sign({ alg: 'RS256', typ: 'JWT' }, real, JWT_SECRET),
    'role raised, signature kept': `${token.split('.')[0]}.${b64({ ...real, role: 'platform_admin' })}.${signature}`,
    expired: sign(hs, { ...real, exp: now - 60, iat: now - 960 }, JWT_SECRET),
    'no exp': sign(hs, Object.fromEntries(Object.entries(real).filter(([k]) => k !== 'exp')), JWT_SECRET),
    'not yet valid (nbf)': sign(hs, { ...real, nbf: now + 3600 }, JWT_SECRET),
    'other issuer': sign(hs, { ...real, iss: 'someone-else' }, JWT_SECRET),
    'other audience': sign(hs, { ...real, aud: 'someone-else' }, JWT_SECRET),
    'unknown user': sign(hs, { ...real, sub: randomUUID() }, JWT_SECRET),
    'sub not a uuid': sign(hs, { ...real, sub: "' OR 1=1 --" }, JWT_SECRET),
    'refresh typ': sign(hs, { ...real, typ: 'refresh' }, JWT_SECRET),
    'older token version': sign(hs, { ...real, ver: -1 }, JWT_SECRET),
    'kid path traversal': sign({ ...hs, kid: '../../../../dev/null' }, real, ''),
    'jku pointing elsewhere': sign({ ...hs, jku: 'http://127.0.0.1:1/jwks.json' }, real, 'x'),
    'truncated signature': token.slice(0, -5),
    garbage: 'not.a.token',
    empty: '',
    huge: 'a'.repeat(20_000),
  };
  const accepted: string[] = [];
  let fiveHundreds = 0;
  for (const [name, forged] of Object.entries(forgeries)) {
    const res: Answer = await call(world.base, '/api/v1/auth/me', { headers: { Authorization: `Bearer ${forged}` } });
    if (res.status >= 500) {
      fiveHundreds++;
    }
    if (res.status >= 200 && res.status < 300) {
      accepted.push(name);
    }
  }
  const control = await call(world.base, '/api/v1/auth/me', { headers: world.client.headers });
  report(
    'JWT forgeries',
    `${Object.keys(forgeries).length} forged tokens: ${accepted.length} accepted${accepted.length ? ` (${accepted.join(', ')})` : ''}, ` +
      `${fiveHundreds} 5xx; the genuine token ${control.status === 200 ? 'accepted' : `refused (${control.status})`}`,
    accepted.length === 0 && fiveHundreds === 0 && control.status === 200,
  );
}

const BAD_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e999',
  '-1',
  '0',
  '99999999999999999999999',
  '1.5',
  'x'.repeat(5000),
  "' OR '1'='1",
  '../../../etc/passwd',
  '%',
  '%ff',
  'WyJ4Il0',
  'WzEuNV0',
  'WyJ4IiwieSJd',
  '{"$gt":""}',
  '<script>alert(1)</script>',
  'null',
  'true',
  '[]',
];
const BAD_VALUES: unknown[] = [
  null,
  1e308,
  -1,
  0,
  1.5,
  '',
  '\u0000',
  'a\ud800b',
  [],
  {},
  'x'.repeat(20_000),
  true,
  [[[[]]]],
];
const BAD_BODIES = ['', 'null', '[]', '"text"', '42', '{', '{"a":', '\u0000', '{"__proto__":{"x":1}}'];

/** Percent-encoded as a client would send it; a lone surrogate and `%ff` are sent as the raw bytes they stand for. */
function encoded(value: string): string {
  if (value === '%ff') {
    return value;
  }
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

export async function fuzz(world: World, report: Report): Promise<void> {
  const jobs: { op: Operation; path: string; body?: unknown; actor: Actor }[] = [];
  const admin = world.actors[world.actors.length - 1];
  for (const op of world.operations.filter((o) => !selfDestructive(o))) {
    const actor = op.roles?.includes('therapist') ? world.actors[3] : op.public ? world.actors[0] : admin;
    const base = fill(op, world.foreign.therapist, world);
    const body = bodyOf(op, world);
    for (const param of op.parameters.filter((p) => p.in !== 'header')) {
      for (const bad of BAD_STRINGS) {
        const value = encoded(bad);
        const path =
          param.in === 'path'
            ? op.path.replace(`{${param.name}}`, value).replace(/\{(\w+)\}/g, world.foreign.random)
            : `${base}${base.includes('?') ? '&' : '?'}${param.name}=${value}`;
        jobs.push({ op, path, body, actor });
      }
    }
    if (op.body) {
      for (const field of propertiesOf(world.doc, op.body)) {
        for (const bad of BAD_VALUES) {
          jobs.push({ op, path: base, body: { ...(body as object), [field]: bad }, actor });
        }
      }
      for (const raw of BAD_BODIES) {
        jobs.push({ op, path: base, body: raw, actor });
      }
    }
  }
  let fiveHundreds = 0;
  let noAnswer = 0;
  const examples: string[] = [];
  let done = 0;
  await pool(jobs, 8, async ({ op, path, body, actor }) => {
    const res = await call(world.base, path, { method: op.method, headers: actor.headers, body });
    if (res.status >= 500 || res.status === 0) {
      if (res.status) {
        fiveHundreds++;
      } else {
        noAnswer++;
      }
      if (examples.length < 5) {
        examples.push(
          `${op.method} ${path.slice(0, 120)} ${typeof body === 'string' ? body : JSON.stringify(body)?.slice(0, 80)} → ${res.status || res.error}`,
        );
      }
    }
    if (++done % 1000 === 0) {
      console.log(`    fuzz: ${done} of ${jobs.length}`);
    }
  });
  report(
    'fuzz from the OpenAPI document',
    `${jobs.length} requests over ${world.operations.length} operations: ${fiveHundreds} 5xx, ${noAnswer} without an answer`,
    fiveHundreds === 0 && noAnswer === 0,
  );
  examples.forEach((e) => console.log(`    ${e}`));
}

export async function nestingDepth(world: World, report: Report): Promise<void> {
  const bodyRoutes = world.operations.filter((o) => o.body && !selfDestructive(o));
  let fiveHundreds = 0;
  let requests = 0;
  const livenessBefore = await timed(() => call(world.base, '/health/live'));
  let worstLiveness = 0;
  for (const depth of [100, 1000, 3000, 10_000]) {
    const arrays = '['.repeat(depth) + ']'.repeat(depth);
    const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    await pool(bodyRoutes, 8, async (op) => {
      for (const body of [arrays, objects]) {
        const res = await call(world.base, fill(op, world.foreign.random, world), {
          method: op.method,
          headers: world.client.headers,
          body,
        });
        requests++;
        if (res.status >= 500 || res.status === 0) {
          fiveHundreds++;
        }
      }
    });
    worstLiveness = Math.max(worstLiveness, await timed(() => call(world.base, '/health/live')));
  }
  report(
    'nesting depth',
    `${requests} bodies nested 100–10,000 deep on ${bodyRoutes.length} routes: ${fiveHundreds} 5xx; ` +
      `/health/live ${livenessBefore} ms before, ${worstLiveness} ms at worst after`,
    fiveHundreds === 0,
  );
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await fn();
  return Date.now() - started;
}
