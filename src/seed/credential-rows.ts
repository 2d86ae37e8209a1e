import { createHash } from 'node:crypto';
import { Batch } from './batch';
import { line } from './copy-text';
import { orderedUuid, Prng } from './prng';
import { SeedAssociation, SeedContext } from './seed-context';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const date = (ms: number): string => iso(ms).slice(0, 10);
export const SEED_ACTOR = 'system:seed';

export interface Holder {
  index: number;
  profileId: string;
  first: string;
  middle: string | null;
  last: string;
  city: string;
  region: string;
  createdAt: number;
}

type Outcome = 'verified' | 'unmatched' | 'needs_review' | 'expired';

/** ~70% verified, the rest unmatched, needing review or expired. */
export function drawOutcome(rng: Prng): Outcome {
  return rng.weighted<Outcome>(['verified', 'unmatched', 'needs_review', 'expired'], [70, 12, 10, 8]);
}

const REASONS: Record<Outcome, string> = {
  verified: "Matched the association's record: the name agrees and the record is active.",
  unmatched: 'The association has no record with this credential number yet.',
  needs_review: 'A record with this number exists, but the name only partly matches it.',
  expired: "The association's record has expired.",
};

/** The same hash the roster import computes, so re-importing an identical row counts as unchanged. */
function contentHash(fields: (string | null)[]): string {
  return createHash('sha1').update(JSON.stringify(fields)).digest('base64');
}

/** A certification claimed by `h` with `association`, its roster record when it has one, and its audit entry. */
export function addCertification(
  b: Batch,
  ctx: SeedContext,
  rng: Prng,
  h: Holder,
  association: SeedAssociation,
  slot: number,
  outcome: Outcome,
): void {
  const run = ctx.seed & 0xffff;
  const number = `${association.prefix}-${String(h.index * 2 + slot + 100_000).padStart(8, '0')}`;
  const norm = number.replace(/-/g, '');
  const type = rng.pick(association.credentialTypes);
  const issued = h.createdAt - rng.int(200, 4000) * DAY;
  const expires =
    outcome === 'expired'
      ? ctx.today - rng.int(1, 400) * DAY
      : rng.chance(0.2)
        ? null
        : ctx.today + rng.int(30, 1100) * DAY;
  let rosterId: string | null = null;
  if (outcome !== 'unmatched') {
    rosterId = orderedUuid(run, 3, h.index * 2 + slot, rng);
    const last = outcome === 'needs_review' ? `${h.last}-${rng.pick(['Reyes', 'Novak', 'Cohen', 'Silva'])}` : h.last;
    const status = outcome === 'expired' && rng.chance(0.5) ? 'expired' : 'active';
    const fields = [
      number,
      h.first,
      h.middle,
      last,
      type,
      status,
      date(issued),
      expires === null ? null : date(expires),
      h.city,
      h.region,
    ];
    b.roster_record.push(
      line([
        rosterId,
        association.id,
        number,
        norm,
        h.first,
        h.middle,
        last,
        type,
        status,
        date(issued),
        expires === null ? null : date(expires),
        h.city,
        h.region,
        contentHash(fields),
      ]),
    );
  }
  const certId = orderedUuid(run, 4, h.index * 2 + slot, rng);
  const claimedAt = Math.min(h.createdAt + rng.int(0, 30) * DAY, ctx.today);
  const checkedAt = Math.max(claimedAt, ctx.today - rng.int(0, 20) * DAY);
  const verifiedAt = outcome === 'verified' || outcome === 'expired' ? claimedAt : null;
  b.certification.push(
    line([
      certId,
      h.profileId,
      association.id,
      type,
      number,
      norm,
      date(issued),
      expires === null ? null : date(expires),
      expires === null ? null : date(expires),
      outcome,
      REASONS[outcome],
      rosterId,
      verifiedAt === null ? null : iso(verifiedAt),
      iso(checkedAt),
      iso(claimedAt),
      iso(checkedAt),
    ]),
  );
  b.certification_audit.push(line([certId, iso(claimedAt), SEED_ACTOR, 'seeded', null, outcome, REASONS[outcome]]));
}
