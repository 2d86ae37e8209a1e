import { MigrationInterface, QueryRunner } from 'typeorm';

const DELTA = (source: string, sign: number): string =>
  `SELECT therapist_id, rating, ${sign} AS d FROM ${source} WHERE status = 'published'`;

/** Per therapist: count, sum and star deltas of one statement, in therapist order so that concurrent batches lock alike. */
const APPLY = (deltas: string, upsert: boolean): string => `
  FOR r IN
    SELECT therapist_id, sum(d)::int AS count, sum(d * rating)::int AS sum,
           ARRAY[coalesce(sum(d) FILTER (WHERE rating = 1), 0), coalesce(sum(d) FILTER (WHERE rating = 2), 0),
                 coalesce(sum(d) FILTER (WHERE rating = 3), 0), coalesce(sum(d) FILTER (WHERE rating = 4), 0),
                 coalesce(sum(d) FILTER (WHERE rating = 5), 0)]::int[] AS stars
      FROM (${deltas}) x GROUP BY therapist_id ORDER BY therapist_id
  LOOP
    CONTINUE WHEN r.stars = '{0,0,0,0,0}';
    PERFORM therapist_rating_merge(r.therapist_id, r.count, r.sum, r.stars, ${upsert});
  END LOOP;`;

/**
 * The per-row trigger updated the same therapist_rating row once per review: a bulk insert of n reviews of one
 * therapist made n row versions in one transaction, O(n^2). Statement triggers with transition tables apply one merged
 * delta per therapist per statement, and a single review costs the same as before.
 */
export class BatchReviewRatingTrigger1764201640300 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER trg_review_rating ON review');
    await q.query(`
      CREATE FUNCTION therapist_rating_merge(p_therapist uuid, p_count int, p_sum int, p_stars int[], p_upsert boolean)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF p_upsert THEN
          INSERT INTO therapist_rating (therapist_id) VALUES (p_therapist) ON CONFLICT (therapist_id) DO NOTHING;
        END IF;
        -- Deletes never insert: a profile being deleted cascades to its rating row before its reviews.
        UPDATE therapist_rating
           SET count = count + p_count, sum = sum + p_sum,
               stars = ARRAY[stars[1] + p_stars[1], stars[2] + p_stars[2], stars[3] + p_stars[3],
                             stars[4] + p_stars[4], stars[5] + p_stars[5]]
         WHERE therapist_id = p_therapist;
      END $$`);
    const fn = (name: string, body: string): string =>
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE r record; BEGIN ${body} RETURN NULL; END $$`;
    await q.query(fn('review_rating_inserted', APPLY(DELTA('new_rows', 1), true)));
    await q.query(
      fn('review_rating_updated', APPLY(`${DELTA('old_rows', -1)} UNION ALL ${DELTA('new_rows', 1)}`, true)),
    );
    await q.query(fn('review_rating_deleted', APPLY(DELTA('old_rows', -1), false)));
    await q.query(`CREATE TRIGGER trg_review_rating_ins AFTER INSERT ON review REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION review_rating_inserted()`);
    await q.query(`CREATE TRIGGER trg_review_rating_upd AFTER UPDATE ON review
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_rating_updated()`);
    await q.query(`CREATE TRIGGER trg_review_rating_del AFTER DELETE ON review REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION review_rating_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['ins', 'upd', 'del']) {
      await q.query(`DROP TRIGGER trg_review_rating_${op} ON review`);
    }
    for (const name of ['review_rating_inserted', 'review_rating_updated', 'review_rating_deleted']) {
      await q.query(`DROP FUNCTION ${name}()`);
    }
    await q.query('DROP FUNCTION therapist_rating_merge(uuid, int, int, int[], boolean)');
    await q.query(`CREATE TRIGGER trg_review_rating AFTER INSERT OR UPDATE OF status, rating, therapist_id OR DELETE ON review
      FOR EACH ROW EXECUTE FUNCTION review_rating_apply()`);
  }
}
