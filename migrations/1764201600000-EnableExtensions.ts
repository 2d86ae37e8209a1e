import { MigrationInterface, QueryRunner } from 'typeorm';

export class EnableExtensions1764201600000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const ext of ['citext', 'pg_trgm', 'unaccent', 'cube', 'earthdistance', 'btree_gist']) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    }
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets name matching and search use it in indexes.
    await q.query(`
      CREATE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS immutable_unaccent(text)');
    for (const ext of ['btree_gist', 'earthdistance', 'cube', 'unaccent', 'pg_trgm', 'citext']) {
      await q.query(`DROP EXTENSION IF EXISTS ${ext}`);
    }
  }
}
