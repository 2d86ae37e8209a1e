import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search rows by place and id: when a page by distance ends among therapists at one place who lie at the same
 * distance (their ids too close for the point's id coordinate to set them apart), the search reads the next of them
 * in id order from these indexes instead of every therapist at that place.
 */
export class IndexSearchPlaces1764201717000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX ix_therapist_search_condition_place ON therapist_search_condition (lat, lng, therapist_id)',
    );
    await q.query(
      'CREATE INDEX ix_therapist_search_place ON therapist_search (lat, lng, therapist_id) WHERE published',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_therapist_search_place');
    await q.query('DROP INDEX ix_therapist_search_condition_place');
  }
}
