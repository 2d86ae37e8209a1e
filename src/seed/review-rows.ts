import { Batch } from './batch';
import { line } from './copy-text';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { orderedUuid, Prng } from './prng';
import { SEED_EMAIL_DOMAIN, SeedContext } from './seed-context';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Therapists are grouped by 100; the first 20 of each group also bring a client account, the group's reviewers. */
const GROUP = 100;
const CLIENTS_PER_GROUP = 20;
const MAX_REVIEWS = 6;

const OPENINGS = [
  'After years of',
  'I came in with',
  'I had been living with',
  'Three sessions in, my',
  'I was skeptical, but my',
];
const OUTCOMES: Record<number, string[]> = {
  1: ['The session did not help and felt rushed.', 'Not a good fit for me; the pressure was too much.'],
  2: ['Some relief, but it did not last long.', 'Helpful in places, though the booking was a hassle.'],
  3: ['Solid work and a clear explanation of what was going on.', 'A decent session; I will probably go back.'],
  4: ['Real improvement after a couple of visits.', 'Careful, attentive work on the trigger points.'],
  5: ['I finally have lasting relief. Highly recommended.', 'Excellent: thorough assessment and noticeable results.'],
};

/** A seeded client's id depends on its number only, so any therapist of its group can name it as a reviewer. */
export function seedClientId(ctx: SeedContext, client: number): string {
  return orderedUuid(ctx.seed & 0xffff, 3, client, Prng.for(ctx.seed ^ 0x5eed, client));
}

/** Adds the client account that therapist `index` brings, when it is one of the first of its group. */
export function addGroupClient(b: Batch, ctx: SeedContext, index: number, rng: Prng): void {
  const position = index % GROUP;
  if (position >= CLIENTS_PER_GROUP) {
    return;
  }
  const client = Math.floor(index / GROUP) * CLIENTS_PER_GROUP + position;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const email = `c${ctx.seed}.${String(client).padStart(8, '0')}.client@${SEED_EMAIL_DOMAIN}`;
  const createdAt = iso(ctx.today - rng.int(400, 1500) * DAY);
  b.app_user.push(
    line([seedClientId(ctx, client), email, ctx.passwordHash, `${first} ${last}`, 'client', createdAt, createdAt]),
  );
}

/**
 * Published reviews by distinct clients of the therapist's group that were created no later than the therapist
 * itself (so the reviewers always exist). The rating aggregate is derived from them after loading.
 */
export function addReviews(
  b: Batch,
  ctx: SeedContext,
  rng: Prng,
  index: number,
  profileId: string,
  conditions: string[],
  createdAt: number,
): void {
  const position = index % GROUP;
  const pool = Math.min(CLIENTS_PER_GROUP, position + 1);
  const count = rng.int(1, Math.min(MAX_REVIEWS, pool));
  const quality = 3 + rng.next() * 2;
  const base = Math.floor(index / GROUP) * CLIENTS_PER_GROUP;
  for (let k = 0; k < count; k++) {
    const rating = Math.min(5, Math.max(1, Math.round(quality + (rng.next() - 0.5) * 2.5)));
    const condition = conditions.length && rng.chance(0.7) ? rng.pick(conditions) : null;
    const topic = condition ? condition.replace(/-/g, ' ') : 'chronic tension';
    const body = `${rng.pick(OPENINGS)} ${topic}. ${rng.pick(OUTCOMES[rating])}`;
    const at = iso(
      createdAt + rng.int(1, Math.max(1, Math.floor((ctx.today - createdAt) / DAY))) * DAY - rng.int(0, DAY - 1),
    );
    const author = seedClientId(ctx, base + ((position + k) % pool));
    b.review.push(
      line([
        orderedUuid(ctx.seed & 0xffff, 4, index * MAX_REVIEWS + k, rng),
        profileId,
        author,
        rating,
        body,
        condition,
        rng.chance(0.6),
        'published',
        at,
        at,
      ]),
    );
  }
}

/** Rating aggregates for every therapist with published reviews, recomputed from the reviews themselves. */
export const DERIVE_RATINGS_SQL = `
  INSERT INTO therapist_rating (therapist_id, count, sum, stars)
  SELECT therapist_id, count(*), sum(rating),
         ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
               count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)]::int[]
  FROM review WHERE status = 'published' GROUP BY therapist_id
  ON CONFLICT (therapist_id) DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum, stars = EXCLUDED.stars`;
