import { EntityManager } from 'typeorm';
import { LOCK_NUMBER_SLOTS } from '../status-change';
import { RejectedRow, RosterRow } from './roster-row';

const COLUMNS: (keyof RosterRow)[] = [
  'line',
  'norm',
  'credentialNumber',
  'firstName',
  'middleName',
  'lastName',
  'credentialType',
  'status',
  'issuedOn',
  'expiresOn',
  'city',
  'region',
  'contentHash',
];
const ANALYZE_AFTER_INSERTS = 5000;
const TYPES = ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date', 'text', 'text', 'text'];

/** A transaction-local staging table for one import (dropped at commit). */
export class RosterStage {
  constructor(private readonly m: EntityManager) {}

  async create(): Promise<void> {
    await this.m
      .query(`CREATE TEMP TABLE roster_stage (line int PRIMARY KEY, norm text NOT NULL, credential_number text,
      first_name text, middle_name text, last_name text, credential_type text, status text, issued_on date, expires_on date,
      city text, region text, content_hash text) ON COMMIT DROP`);
    await this.m.query(
      'CREATE TEMP TABLE roster_changed (norm text PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP',
    );
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

  /**
   * The same number on several rows of one file is ambiguous: none of those rows is imported (the record on file, if
   * any, stays as it was), and every one of those lines is reported.
   */
  async refuseDuplicates(): Promise<RejectedRow[]> {
    // Temporary tables are never analysed by autovacuum; without statistics the joins below get poor plans.
    await this.m.query('ANALYZE roster_stage');
    const [rows] = await this.m.query<[{ line: number; lines: number[] }[], number]>(
      `WITH repeated AS (
         SELECT norm, array_agg(line ORDER BY line) AS lines FROM roster_stage GROUP BY norm HAVING count(*) > 1)
       DELETE FROM roster_stage s USING repeated r WHERE s.norm = r.norm
       RETURNING s.line, r.lines`,
    );
    return rows.map((r) => ({
      line: r.line,
      reason: `the same credential number is on lines ${r.lines.join(', ')}; none of them was imported`,
    }));
  }

  /** Takes the lock slots of every number in the file before any record changes (see lockCredentialNumbers). */
  async lockNumbers(associationId: string): Promise<void> {
    await this.m.query(LOCK_NUMBER_SLOTS('SELECT norm FROM roster_stage'), [associationId]);
  }

  /** The changed numbers that live certifications claim: those need checking again. */
  async changedClaimedNumbers(associationId: string): Promise<string[]> {
    const rows = await this.m.query<{ norm: string }[]>(
      `SELECT ch.norm FROM roster_changed ch
       WHERE EXISTS (SELECT 1 FROM certification c WHERE c.association_id = $1 AND c.credential_number_norm = ch.norm
                       AND c.withdrawn_at IS NULL)
       ORDER BY ch.norm`,
      [associationId],
    );
    return rows.map((r) => r.norm);
  }

  /** Set-based: one UPDATE for numbers whose content hash changed, then one INSERT that skips every number already there. */
  async upsert(associationId: string): Promise<{ inserted: number; updated: number; unchanged: number }> {
    await this.m.query(
      `WITH up AS (
         UPDATE roster_record r SET credential_number = s.credential_number, first_name = s.first_name,
           middle_name = s.middle_name, last_name = s.last_name, credential_type = s.credential_type, status = s.status,
           issued_on = s.issued_on, expires_on = s.expires_on, city = s.city, region = s.region,
           content_hash = s.content_hash, updated_at = now()
         FROM roster_stage s
         WHERE r.association_id = $1 AND r.credential_number_norm = s.norm AND r.content_hash IS DISTINCT FROM s.content_hash
         RETURNING r.credential_number_norm)
       INSERT INTO roster_changed SELECT credential_number_norm, false FROM up`,
      [associationId],
    );
    await this.m.query(
      `WITH ins AS (
         INSERT INTO roster_record (association_id, credential_number, credential_number_norm, first_name, middle_name,
           last_name, credential_type, status, issued_on, expires_on, city, region, content_hash)
         SELECT $1, credential_number, norm, first_name, middle_name, last_name, credential_type, status, issued_on,
           expires_on, city, region, content_hash FROM roster_stage
         ON CONFLICT (association_id, credential_number_norm) DO NOTHING
         RETURNING credential_number_norm)
       INSERT INTO roster_changed SELECT credential_number_norm, true FROM ins`,
      [associationId],
    );
    await this.m.query('ANALYZE roster_changed');
    const [counts] = await this.m.query<{ inserted: number; updated: number; staged: number }[]>(
      `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
         (SELECT count(*)::int FROM roster_stage) AS staged FROM roster_changed`,
    );
    if (counts.inserted > ANALYZE_AFTER_INSERTS) {
      // A first big import leaves the planner believing roster_record is empty, and the re-check's join would
      // then scan it once per certification; fresh statistics (own uncommitted rows included) prevent that.
      await this.m.query('ANALYZE roster_record');
    }
    return {
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.staged - counts.inserted - counts.updated,
    };
  }
}
