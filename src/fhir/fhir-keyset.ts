import { DataSource } from 'typeorm';

/** How much of the total to count: up to a cap (the cheap default), all of it, or nothing. */
export type TotalCount = { cap: number } | 'exact' | 'none';

/** A search over one table, paged by id: filters use $1..$n of `values`. */
export interface KeysetQuery {
  from: string;
  id: string;
  where: string[];
  values: unknown[];
  after?: string;
  /** Rows to read: the page size plus one, to tell whether a next page exists. */
  fetch: number;
  total: TotalCount;
}

export interface PageRows {
  /** Matches counted (capped as asked); null when not counted. */
  counted: number | null;
  ids: string[];
}

/** Collects the values of a statement and hands out their placeholders. */
export class SqlValues {
  readonly values: unknown[] = [];

  param(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** One statement: the (capped) count of every match and the page after `after`, in id order. */
export async function keysetPage(db: DataSource, q: KeysetQuery): Promise<PageRows> {
  const values = [...q.values];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = q.where.length ? q.where.join(' AND ') : 'true';
  const after = q.after === undefined ? '' : `AND ${q.id} > ${param(q.after)}::uuid`;
  const count =
    q.total === 'none'
      ? 'NULL::int'
      : `(SELECT count(*)::int FROM (SELECT 1 FROM ${q.from} WHERE ${where}${q.total === 'exact' ? '' : ` LIMIT ${param(q.total.cap)}`}) x)`;
  const rows = await db.query<{ counted: number | null; id: string | null }[]>(
    `SELECT ${count} AS counted, p.id
     FROM (SELECT 1) one
     LEFT JOIN LATERAL (
       SELECT ${q.id} AS id FROM ${q.from} WHERE ${where} ${after} ORDER BY ${q.id} LIMIT ${param(q.fetch)}
     ) p ON true`,
    values,
  );
  return { counted: rows[0]?.counted ?? null, ids: rows.filter((r) => r.id !== null).map((r) => r.id!) };
}
