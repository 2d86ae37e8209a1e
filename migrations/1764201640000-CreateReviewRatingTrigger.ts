import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keeps therapist_rating in step with published reviews, inside the writing transaction. */
export class CreateReviewRatingTrigger1764201640000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION therapist_rating_add(p_therapist uuid, p_rating smallint, p_delta integer) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF p_delta > 0 THEN
          INSERT INTO therapist_rating AS t (therapist_id, count, sum, stars)
          VALUES (p_therapist, 0, 0, '{0,0,0,0,0}')
          ON CONFLICT (therapist_id) DO NOTHING;
        END IF;
        -- Decrements never insert: a profile being deleted cascades to its rating row before its reviews.
        UPDATE therapist_rating
           SET count = count + p_delta,
               sum = sum + p_delta * p_rating,
               stars[p_rating] = stars[p_rating] + p_delta
         WHERE therapist_id = p_therapist;
      END $$`);
    await q.query(`
      CREATE FUNCTION review_rating_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.rating = NEW.rating AND OLD.therapist_id = NEW.therapist_id THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
          PERFORM therapist_rating_add(OLD.therapist_id, OLD.rating, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
          PERFORM therapist_rating_add(NEW.therapist_id, NEW.rating, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_review_rating AFTER INSERT OR UPDATE OF status, rating, therapist_id OR DELETE ON review
      FOR EACH ROW EXECUTE FUNCTION review_rating_apply()`);
    await q.query(`
      INSERT INTO therapist_rating (therapist_id, count, sum, stars)
      SELECT therapist_id, count(*), sum(rating),
             ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
                   count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)]::integer[]
        FROM review WHERE status = 'published' GROUP BY therapist_id
      ON CONFLICT (therapist_id) DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum, stars = EXCLUDED.stars`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER trg_review_rating ON review');
    await q.query('DROP FUNCTION review_rating_apply()');
    await q.query('DROP FUNCTION therapist_rating_add(uuid, smallint, integer)');
  }
}
