import { Role } from '../../src/users/user.entity';
import { TestApp } from './app';
import { profileBody } from './profiles';
import { establishedClient, invitationCode } from './reviews';
import { createAssociation, importCsv, rosterEntry, TestAssociation, toCsv } from './verification';
import { registerUser, TestUser } from './users';

export interface VerifiedTherapist {
  user: TestUser;
  profileId: string;
  association: TestAssociation;
  credentialNumber: string;
  certificationId: string;
}

/**
 * A therapist walked through the product as people would: the association admin imports the roster, the therapist
 * signs up, creates the profile and lists the credential, which the automatic check verifies.
 */
export async function verifiedTherapist(
  t: TestApp,
  o: { associationName?: string; profile?: Record<string, unknown>; postalCode?: string } = {},
): Promise<VerifiedTherapist> {
  const association = await createAssociation(t, { name: o.associationName ?? 'Neuromuscular Therapy Center' });
  const entry = rosterEntry({ firstName: 'Maria', lastName: 'Garcia' });
  await importCsv(t, association, toCsv([entry])).expect(200);
  const user = await registerUser(t, Role.Therapist);
  const created = await t.http
    .post('/api/v1/therapists')
    .set(user.auth)
    .send(profileBody(o.profile ?? {}))
    .expect(201);
  const claim = await t.http
    .post('/api/v1/therapists/me/certifications')
    .set(user.auth)
    .send({ associationSlug: association.slug, credentialType: 'CNMT', credentialNumber: entry.credentialNumber })
    .expect(201);
  expect(claim.body.status).toBe('verified');
  return {
    user,
    profileId: (created.body as { id: string }).id,
    association,
    credentialNumber: entry.credentialNumber,
    certificationId: (claim.body as { id: string }).id,
  };
}

/** The association revokes the credential on its roster (an import, as its admin would send it). */
export async function revokeOnRoster(t: TestApp, v: VerifiedTherapist): Promise<void> {
  const entry = rosterEntry({ credentialNumber: v.credentialNumber, status: 'revoked' });
  await importCsv(t, v.association, toCsv([entry])).expect(200);
}

/** A published review by a client with the therapist's invitation (verified client), and the therapist's reply. */
export async function reviewWithReply(
  t: TestApp,
  v: VerifiedTherapist,
  text: { body: string; reply: string; clientName?: string },
): Promise<string> {
  const code = await invitationCode(t, v.user);
  const client = await establishedClient(t, text.clientName ?? 'Jordan Lee');
  const review = await t.http
    .post(`/api/v1/therapists/${v.profileId}/reviews`)
    .set(client.auth)
    .send({ rating: 5, body: text.body, invitationCode: code })
    .expect(201);
  const id = (review.body as { id: string }).id;
  await t.http.post(`/api/v1/reviews/${id}/response`).set(v.user.auth).send({ body: text.reply }).expect(201);
  return id;
}

/** Every `<article>`'s profile link on a results page, in order. */
export function resultIds(html: string): string[] {
  return [...html.matchAll(/<article class="result">[\s\S]*?<a href="\/therapists\/([0-9a-f-]{36})"/g)].map(
    (m) => m[1],
  );
}

export function nextHref(html: string): string | null {
  const match = /<a rel="next" href="([^"]+)"/.exec(html);
  return match ? match[1].replace(/&amp;/g, '&') : null;
}

/** The one JSON-LD block of a page, parsed. */
export function jsonLd(html: string): { '@graph': Record<string, unknown>[] } {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0][1]) as { '@graph': Record<string, unknown>[] };
}

/** The text of the error message shown beside a field. */
export function fieldError(html: string, field: string): string | null {
  const match = new RegExp(`<p class="field__error" id="${field}-error">([\\s\\S]*?)</p>`).exec(html);
  return match
    ? match[1]
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : null;
}
