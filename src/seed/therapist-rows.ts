import { Batch } from './batch';
import { COMMON_CONDITION_CHANCE, COMMON_CONDITIONS, SEED_CITIES } from './cities';
import { line } from './copy-text';
import { addCertification, drawOutcome, Holder } from './credential-rows';
import { BIO_CLOSERS, BIO_OPENERS, FIRST_NAMES, LAST_NAMES, PRACTICE_WORDS } from './names';
import { orderedUuid, Prng, scatteredUuid } from './prng';
import { addGroupClient, addReviews } from './review-rows';
import { SEED_EMAIL_DOMAIN, SeedContext } from './seed-context';

const DAY = 86_400_000;
const SESSION_LENGTHS = [30, 45, 60, 75, 90, 120];
const EXTRA_LANGUAGES = ['es', 'zh', 'vi', 'ko', 'fr', 'pt', 'ru', 'ar', 'tl', 'de', 'ase'];
const EXTRA_LANGUAGE_WEIGHTS = [0.22, 0.03, 0.02, 0.02, 0.02, 0.02, 0.015, 0.015, 0.015, 0.01, 0.01];
const iso = (ms: number): string => new Date(ms).toISOString();
const handle = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function languages(rng: Prng): string[] {
  const extra = EXTRA_LANGUAGES.filter((_, i) => rng.chance(EXTRA_LANGUAGE_WEIGHTS[i]));
  return rng.chance(0.03) && extra.includes('es') ? extra : ['en', ...extra];
}

function bio(rng: Prng, conditions: string[]): string {
  const treats = conditions.length
    ? ` I often see clients with ${conditions.slice(0, 3).join(', ').toLowerCase()}.`
    : '';
  return `${rng.pick(BIO_OPENERS)}${treats} ${rng.pick(BIO_CLOSERS)}`;
}

/** Adds every row of seeded therapist number `index` (global across runs) to the batch. */
export function addTherapist(b: Batch, ctx: SeedContext, index: number): void {
  const rng = Prng.for(ctx.seed, index);
  const run = ctx.seed & 0xffff;
  const cityIndex = SEED_CITIES.indexOf(rng.weighted(SEED_CITIES, ctx.cityWeights));
  const zip = rng.pick(ctx.cities[cityIndex]);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const middle = rng.chance(0.2) ? rng.pick(FIRST_NAMES) : null;
  const userId = orderedUuid(run, 1, index, rng);
  const profileId = scatteredUuid(run, 2, index, rng);
  const createdAt = ctx.today - rng.int(1, 1095) * DAY + rng.int(0, DAY - 1);
  const email = `s${ctx.seed}.${String(index).padStart(8, '0')}.${handle(first)}.${handle(last)}@${SEED_EMAIL_DOMAIN}`;
  b.app_user.push(
    line([userId, email, ctx.passwordHash, `${first} ${last}`, 'therapist', iso(createdAt), iso(createdAt)]),
  );

  const conditions = [
    ...ctx.conditions.filter((c) => COMMON_CONDITIONS.includes(c.slug) && rng.chance(COMMON_CONDITION_CHANCE)),
    ...rng.sample(
      ctx.conditions.filter((c) => !COMMON_CONDITIONS.includes(c.slug)),
      rng.int(0, 3),
    ),
  ];
  const specialties = rng.sample(ctx.specialties, rng.int(1, 4));
  const outcome = drawOutcome(rng);
  const suffix = outcome === 'verified' || rng.chance(0.5) ? `, ${rng.pick(['LMT', 'CNMT', 'LMT, CNMT', 'CMT'])}` : '';
  const practice = rng.chance(0.6) ? `${rng.chance(0.5) ? last : zip.city} ${rng.pick(PRACTICE_WORDS)}` : null;
  const site = handle(practice ?? `${first} ${last} massage`) + `-${index}`;
  const hasPrice = rng.chance(0.7);
  const priceMin = 60 + rng.int(0, 12) * 5;
  const accepting = rng.chance(0.8);
  b.therapist_profile.push(
    line([
      profileId,
      userId,
      first,
      middle,
      last,
      `${first} ${last}${suffix}`,
      bio(
        rng,
        conditions.map((c) => c.name),
      ),
      practice,
      null,
      zip.city,
      zip.region,
      zip.code,
      'US',
      zip.lat,
      zip.lng,
      'postal_code',
      languages(rng),
      rng.sample(SESSION_LENGTHS, rng.int(1, 4)),
      accepting,
      iso(ctx.today - rng.int(0, 120) * DAY),
      hasPrice ? priceMin : null,
      hasPrice ? priceMin + rng.int(4, 16) * 5 : null,
      hasPrice ? 'USD' : null,
      `(${zip.areaCode}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`,
      rng.chance(0.5) ? `https://${site}.example` : null,
      rng.chance(0.6) ? `hello@${site}.example` : null,
      rng.chance(0.97),
      1,
      iso(createdAt),
      iso(createdAt),
    ]),
  );
  for (const c of conditions) {
    b.therapist_condition.push(line([profileId, c.slug]));
  }
  for (const s of specialties) {
    b.therapist_specialty.push(line([profileId, s]));
  }

  const holder: Holder = { index, profileId, first, middle, last, city: zip.city, region: zip.region, createdAt };
  const [primary, secondary] = rng.sample(ctx.associations, 2);
  const main = rng.weighted(ctx.associations, [50, 30, 20]);
  addCertification(b, ctx, rng, holder, main, 0, outcome);
  if (outcome === 'verified' && rng.chance(0.15)) {
    addCertification(b, ctx, rng, holder, main === primary ? secondary : primary, 1, 'verified');
  }
  addGroupClient(b, ctx, index, rng);
  if (rng.chance(0.45)) {
    addReviews(
      b,
      ctx,
      rng,
      index,
      profileId,
      conditions.map((c) => c.slug),
      createdAt,
    );
  }
}
