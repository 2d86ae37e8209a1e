import { EntityManager } from 'typeorm';
import { RejectedRow, RosterRow } from './roster-row';

const COLUMNS: (keyof RosterRow)[] = [
  'line', 'norm', 'credentialNumber', 'firstName', 'middleName', 'lastName', 'credentialType', 'status', 'issuedOn', 'expiresOn',
  'city', 'region', 'contentHash',
];
const TYPES = ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date', 'text', 'text', 'text'];

/** A transaction-local staging table for one import (dropped at commit). */
export class RosterStage {
  constructor(private readonly m: EntityManager) {}

  async create(): Promise<void> {
    await this.m.query(`CREATE TEMP TABLE roster_stage (line int PRIMARY KEY, norm text NOT NULL, credential_number text,
      first_name text, middle_name text, last_name text, credential_type text, status text, issued_on date, expires_on date,
      city text, region text, content_hash text) ON COMMIT DROP`);
    await this.m.query('CREATE TEMP TABLE roster_changed (norm text PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP');
  }

  /** One statement per batch: each column travels as one array parameter. */
  async add(rows: RosterRow[]): Promise<void> {
    if (!rows.length) {
      return;
    }
    const params = COLUMNS.map((column) => rows.map((row) => row[column]));
    const arrays = TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
    await this.m.query(`INSERT INTO roster_stage SELECT * FROM unnest(${arrays})`, params);
  }

  /** The same number twice in one file: the last occurrence wins, the earlier ones are reported. */
  async dropDuplicates(): Promise<RejectedRow[]> {
    const [rows] = await this.m.query<[{ line: number; winner: number }[], number]>(
      `DELETE FROM roster_stage s USING (
         SELECT line, max(line) OVER (PARTITION BY norm) AS winner FROM roster_stage) d
       WHERE s.line = d.line AND d.line <> d.winner
       RETURNING s.line, d.winner`,
    );
    return rows.map((r) => ({ line: r.line, reason: `duplicate credential number; the later occurrence on line ${r.winner} wins` }));
  }

  async upsert(associationId: string): Promise<{ inserted: number; updated: number; unchanged: number }> {
    await this.m.query(
      `WITH up AS (
         INSERT INTO roster_record AS r (association_id, credential_number, credential_number_norm, first_name, middle_name,
           last_name, credential_type, status, issued_on, expires_on, city, region, content_hash)
         SELECT $1, credential_number, norm, first_name, middle_name, last_name, credential_type, status, issued_on,
           expires_on, city, region, content_hash FROM roster_stage
         ON CONFLICT (association_id, credential_number_norm) DO UPDATE SET credential_number = EXCLUDED.credential_number,
           first_name = EXCLUDED.first_name, middle_name = EXCLUDED.middle_name, last_name = EXCLUDED.last_name,
           credential_type = EXCLUDED.credential_type, status = EXCLUDED.status, issued_on = EXCLUDED.issued_on,
           expires_on = EXCLUDED.expires_on, city = EXCLUDED.city, region = EXCLUDED.region,
           content_hash = EXCLUDED.content_hash, updated_at = now()
         WHERE r.content_hash IS DISTINCT FROM EXCLUDED.content_hash
         RETURNING r.credential_number_norm, r.xmax = 0 AS inserted)
       INSERT INTO roster_changed SELECT * FROM up`,
      [associationId],
    );
    const [counts] = await this.m.query<{ inserted: number; updated: number; staged: number }[]>(
      `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
         (SELECT count(*)::int FROM roster_stage) AS staged FROM roster_changed`,
    );
    return { inserted: counts.inserted, updated: counts.updated, unchanged: counts.staged - counts.inserted - counts.updated };
  }
}
