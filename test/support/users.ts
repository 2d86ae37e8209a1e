import { randomUUID } from 'node:crypto';
import { AuthService } from '../../src/auth/auth.service';
import { Role } from '../../src/users/user.entity';
import { TestApp } from './app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value for supertest's `.set()`. */
  auth: { Authorization: string };
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

interface SessionBody {
  user: { id: string; email: string };
  accessToken: string;
  refreshToken: string;
}

/** The session a client holds after sign-up or sign-in: exactly the tokens the API handed back. */
function asTestUser(body: SessionBody, password: string, name: string, role: Role): TestUser {
  return {
    id: body.user.id,
    email: body.user.email,
    password,
    name,
    role,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

async function signIn(t: TestApp, email: string, password: string, name: string, role: Role): Promise<TestUser> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  return asTestUser(res.body as SessionBody, password, name, role);
}

/** Signs up a client or therapist through the public API. */
export async function registerUser(
  t: TestApp,
  role: Role.Client | Role.Therapist,
  overrides: { email?: string; name?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail(role);
  const name = overrides.name ?? (role === Role.Client ? 'Casey Client' : 'Terry Therapist');
  const res = await t.http
    .post('/api/v1/auth/register')
    .send({ email, password: TEST_PASSWORD, role, name })
    .expect(201);
  return asTestUser(res.body as SessionBody, TEST_PASSWORD, name, role);
}

/** Creates an admin directly (admins cannot sign up), then signs in through the API. */
export async function createAdmin(
  t: TestApp,
  role: Role.PlatformAdmin | Role.AssociationAdmin,
  associationId?: string,
): Promise<TestUser> {
  const email = uniqueEmail(role);
  const name = role === Role.PlatformAdmin ? 'Pat Platform' : 'Alex Association';
  await t.app.get(AuthService).createUser({ email, password: TEST_PASSWORD, name, role, associationId });
  return signIn(t, email, TEST_PASSWORD, name, role);
}
