import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conditions that neuromuscular therapists treat, with their ICD-10-CM codes as published in the
 * CMS/NCHS FY2026 ICD-10-CM release (tabular list effective 2025-10-01 through 2026-09-30).
 * Only billable (complete) codes are listed; notably M54.5 has not been billable since FY2022
 * (split into M54.50/M54.51/M54.59) and M79.1 since FY2023 (split into M79.10/M79.11/M79.12/M79.18).
 * Synonyms are the lay words people type into a search box.
 */
const CONDITIONS: [slug: string, name: string, icd10: string[], synonyms: string[]][] = [
  [
    'fibromyalgia',
    'Fibromyalgia',
    ['M79.7'],
    ['fibro', 'fibromyalgia syndrome', 'fms', 'widespread muscle pain', 'fibrositis'],
  ],
  [
    'low-back-pain',
    'Low back pain',
    ['M54.50', 'M54.51', 'M54.59'],
    ['back pain', 'lower back pain', 'lumbago', 'lumbar pain', 'bad back', 'sore lower back', 'lumbalgia'],
  ],
  [
    'upper-back-pain',
    'Upper back pain',
    ['M54.6'],
    ['thoracic back pain', 'mid back pain', 'pain between shoulder blades', 'thoracic spine pain'],
  ],
  ['neck-pain', 'Neck pain', ['M54.2'], ['sore neck', 'stiff neck', 'cervicalgia', 'neck ache', 'cervical pain']],
  [
    'tension-type-headache',
    'Tension-type headache',
    ['G44.209', 'G44.201', 'G44.219', 'G44.211', 'G44.229', 'G44.221'],
    ['tension headache', 'stress headache', 'headache', 'head pressure', 'tension headaches'],
  ],
  [
    'migraine',
    'Migraine',
    ['G43.909', 'G43.009', 'G43.109', 'G43.709'],
    ['migraines', 'migraine headache', 'sick headache', 'hemicrania'],
  ],
  [
    'cervicogenic-headache',
    'Cervicogenic headache',
    ['G44.86'],
    ['headache from the neck', 'neck headache', 'neck related headache'],
  ],
  [
    'sciatica',
    'Sciatica',
    ['M54.30', 'M54.31', 'M54.32', 'M54.40', 'M54.41', 'M54.42'],
    ['sciatic pain', 'sciatic nerve pain', 'pain down the leg', 'shooting leg pain', 'lumbago with sciatica'],
  ],
  [
    'tmj-disorder',
    'TMJ disorder',
    ['M26.601', 'M26.602', 'M26.603', 'M26.609', 'M26.621', 'M26.622', 'M26.623', 'M26.629'],
    ['jaw pain', 'tmj', 'tmd', 'temporomandibular joint disorder', 'clicking jaw', 'jaw clenching', 'sore jaw'],
  ],
  [
    'carpal-tunnel-syndrome',
    'Carpal tunnel syndrome',
    ['G56.00', 'G56.01', 'G56.02', 'G56.03'],
    ['carpal tunnel', 'cts', 'wrist pain', 'numb fingers', 'tingling hands'],
  ],
  [
    'whiplash',
    'Whiplash',
    ['S13.4XXA', 'S13.4XXD'],
    ['whiplash injury', 'car accident neck injury', 'neck sprain', 'cervical sprain'],
  ],
  [
    'plantar-fasciitis',
    'Plantar fasciitis',
    ['M72.2'],
    ['heel pain', 'foot pain', 'plantar fasciopathy', 'policeman heel', 'arch pain'],
  ],
  [
    'thoracic-outlet-syndrome',
    'Thoracic outlet syndrome',
    ['G54.0'],
    ['tos', 'arm numbness', 'numb arm', 'brachial plexus compression'],
  ],
  [
    'piriformis-syndrome',
    'Piriformis syndrome',
    ['G57.00', 'G57.01', 'G57.02', 'G57.03'],
    ['piriformis', 'buttock pain', 'deep buttock pain', 'pain in the buttock'],
  ],
  [
    'myofascial-pain',
    'Myofascial pain syndrome',
    ['M79.18', 'M79.10', 'M79.11', 'M79.12'],
    ['myofascial pain', 'trigger points', 'muscle knots', 'knots', 'muscle pain', 'myalgia', 'mps'],
  ],
  [
    'chronic-pain',
    'Chronic pain',
    ['G89.29', 'G89.4'],
    ['chronic pain syndrome', 'persistent pain', 'long term pain', 'constant pain'],
  ],
  [
    'sports-strain',
    'Sports strain',
    ['S39.012A', 'S29.012A', 'S76.311A', 'S76.312A'],
    ['pulled muscle', 'muscle strain', 'sports injury', 'strained muscle', 'hamstring strain', 'pulled hamstring'],
  ],
  [
    'postural-imbalance',
    'Postural imbalance',
    ['R29.3', 'M40.00'],
    [
      'bad posture',
      'poor posture',
      'rounded shoulders',
      'forward head posture',
      'tech neck',
      'hunchback',
      'posture problems',
    ],
  ],
  [
    'rotator-cuff-strain',
    'Rotator cuff strain',
    ['S46.011A', 'S46.012A', 'S46.019A', 'M75.100', 'M75.101', 'M75.102'],
    ['rotator cuff', 'rotator cuff injury', 'shoulder strain', 'rotator cuff tear'],
  ],
  [
    'frozen-shoulder',
    'Frozen shoulder',
    ['M75.00', 'M75.01', 'M75.02'],
    ['adhesive capsulitis', 'stiff shoulder', 'shoulder stiffness'],
  ],
  [
    'stress-muscle-tension',
    'Stress-related muscle tension',
    ['M62.830', 'M62.838', 'F54'],
    ['stress', 'muscle tension', 'tight muscles', 'tense shoulders', 'muscle spasm', 'tension'],
  ],
  [
    'shoulder-pain',
    'Shoulder pain',
    ['M25.511', 'M25.512', 'M25.519'],
    ['sore shoulder', 'painful shoulder', 'shoulder ache'],
  ],
  ['hip-pain', 'Hip pain', ['M25.551', 'M25.552', 'M25.559'], ['sore hip', 'hip ache', 'painful hip']],
  [
    'tennis-elbow',
    'Tennis elbow',
    ['M77.10', 'M77.11', 'M77.12'],
    ['lateral epicondylitis', 'elbow pain', 'outer elbow pain'],
  ],
  [
    'golfers-elbow',
    "Golfer's elbow",
    ['M77.00', 'M77.01', 'M77.02'],
    ['medial epicondylitis', 'golfer elbow', 'inner elbow pain'],
  ],
  [
    'it-band-syndrome',
    'Iliotibial band syndrome',
    ['M76.30', 'M76.31', 'M76.32'],
    ['it band syndrome', 'itbs', 'it band pain', 'runners knee', 'outer knee pain'],
  ],
  [
    'achilles-tendinitis',
    'Achilles tendinitis',
    ['M76.60', 'M76.61', 'M76.62'],
    ['achilles tendonitis', 'achilles pain', 'heel cord pain'],
  ],
  ['torticollis', 'Torticollis', ['M43.6'], ['wry neck', 'twisted neck', 'crick in the neck']],
  ['scoliosis', 'Scoliosis', ['M41.9'], ['curved spine', 'curvature of the spine', 'spinal curvature']],
  [
    'occipital-neuralgia',
    'Occipital neuralgia',
    ['M54.81'],
    ['back of head pain', 'occipital headache', 'pain at the base of the skull'],
  ],
  [
    'de-quervain-tenosynovitis',
    "De Quervain's tenosynovitis",
    ['M65.4'],
    ['de quervain', 'thumb tendon pain', 'mommy thumb', 'texting thumb'],
  ],
];

export class LoadConditions1764201610000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Index expressions are evaluated with a restricted search_path (PostgreSQL 17+), so these bodies name their schema.
    await q.query(`
      CREATE FUNCTION normalize_term(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(btrim(regexp_replace(public.immutable_unaccent($1), '[^[:alnum:]]+', ' ', 'g'))) $$`);
    await q.query(`
      CREATE FUNCTION condition_terms_text(name text, synonyms text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT public.normalize_term(name || ' ' || array_to_string(synonyms, ' ')) $$`);
    await q.query(
      'CREATE INDEX ix_condition_terms_trgm ON condition USING gin (condition_terms_text(name, synonyms) gin_trgm_ops)',
    );
    await q.query(`
      CREATE FUNCTION resolve_condition(input text) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        WITH needle AS (SELECT normalize_term(input) AS t),
        terms AS (
          SELECT c.slug, normalize_term(term) AS term
          FROM condition c, unnest(array_prepend(c.name, array_prepend(replace(c.slug, '-', ' '), c.synonyms))) AS term
        )
        SELECT slug FROM (
          SELECT slug, 3 AS rank, 1::real AS score FROM condition WHERE slug = lower(btrim(input))
          UNION ALL
          SELECT slug, 2, 1 FROM terms, needle WHERE term = needle.t
          UNION ALL
          SELECT slug, 1, similarity(term, needle.t) FROM terms, needle WHERE similarity(term, needle.t) >= 0.4
        ) candidates
        WHERE input IS NOT NULL AND btrim(input) <> ''
        ORDER BY rank DESC, score DESC, slug
        LIMIT 1
      $$`);
    const values = CONDITIONS.map(
      (_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}::text[], $${i * 4 + 4}::text[])`,
    );
    await q.query(`INSERT INTO condition (slug, name, icd10, synonyms) VALUES ${values.join(', ')}`, CONDITIONS.flat());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM condition WHERE slug = ANY($1)', [CONDITIONS.map(([slug]) => slug)]);
    await q.query('DROP FUNCTION resolve_condition(text)');
    await q.query('DROP INDEX ix_condition_terms_trgm');
    await q.query('DROP FUNCTION condition_terms_text(text, text[])');
    await q.query('DROP FUNCTION normalize_term(text)');
  }
}
