import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city dataset places ZIP 10200 (New York, NY; a PO-box ZIP in Manhattan) at longitude +73.95, in Asia: the sign
 * was lost at the source. Its true longitude is -73.95 (the source's own latitude, 40.77, is Manhattan's).
 */
export class CorrectStrayPostalCode1764201675000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE postal_code SET lng = -lng WHERE country = 'US' AND code = '10200' AND lng = 73.95`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE postal_code SET lng = -lng WHERE country = 'US' AND code = '10200' AND lng = -73.95`);
  }
}
