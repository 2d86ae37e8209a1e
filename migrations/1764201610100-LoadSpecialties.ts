import { MigrationInterface, QueryRunner } from 'typeorm';

/** Techniques and focuses a client may look for, each explained in one plain sentence. */
const SPECIALTIES: [slug: string, name: string, description: string][] = [
  [
    'trigger-point-therapy',
    'Trigger point therapy',
    'Sustained pressure on tight, tender knots in a muscle so they release and stop sending pain elsewhere.',
  ],
  [
    'postural-analysis',
    'Postural analysis',
    'A look at how you stand, sit and move to find the muscle imbalances behind recurring pain.',
  ],
  [
    'myofascial-release',
    'Myofascial release',
    'Slow, gentle stretching of the connective tissue around muscles to ease stiffness and restore movement.',
  ],
  [
    'sports-massage',
    'Sports massage',
    'Massage aimed at athletes that helps prepare for, recover from and prevent training and competition injuries.',
  ],
  [
    'neuromuscular-reeducation',
    'Neuromuscular re-education',
    'Guided movements and exercises that retrain how your nerves and muscles work together after injury or habit.',
  ],
  [
    'deep-tissue',
    'Deep tissue massage',
    'Firm, slow strokes that reach the deeper layers of muscle to relieve chronic tension.',
  ],
  [
    'prenatal-massage',
    'Prenatal massage',
    'Massage adapted for pregnancy, with safe positioning to ease back, hip and leg discomfort.',
  ],
  [
    'orthopedic-massage',
    'Orthopedic massage',
    'Assessment-led treatment of soft-tissue injuries and pain, often alongside physical therapy or medical care.',
  ],
  [
    'lymphatic-drainage',
    'Manual lymphatic drainage',
    'Very light, rhythmic strokes that help the lymphatic system move fluid and reduce swelling.',
  ],
  [
    'craniosacral-therapy',
    'Craniosacral therapy',
    'A very gentle hands-on technique around the head, spine and pelvis meant to release tension.',
  ],
  [
    'stretching-pnf',
    'Assisted stretching (PNF)',
    'Stretching with a therapist using contract-and-relax cycles to gain flexibility safely.',
  ],
  [
    'nmt-american-version',
    'NMT American version',
    'The NMT American version taught by Judith Walker DeLany, a systematic protocol for finding and treating the causes of soft-tissue pain.',
  ],
  [
    'nmt-st-john-method',
    'NMT St. John method',
    'The St. John method of neuromuscular therapy developed by Paul St. John, focused on posture, biomechanics and nerve compression.',
  ],
  [
    'medical-massage',
    'Medical massage',
    'Outcome-based massage that targets a specific diagnosed condition, often on a physician referral.',
  ],
];

export class LoadSpecialties1764201610100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const values = SPECIALTIES.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
    await q.query(`INSERT INTO specialty (slug, name, description) VALUES ${values.join(', ')}`, SPECIALTIES.flat());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM specialty WHERE slug = ANY($1)', [SPECIALTIES.map(([slug]) => slug)]);
  }
}
