import { ProblemException } from './problem';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's key is; a cursor of any other shape never reaches the database. */
const KINDS = {
  uuid: (v: unknown) =>
    typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  /** A timestamp as the lists write it: UTC to the microsecond. */
  timestamp: (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v),
  /** A bigint id written as digits. */
  digits: (v: unknown) => typeof v === 'string' && /^\d{1,18}$/.test(v),
  integer: (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0,
  text: (v: unknown) => typeof v === 'string' && v.length <= 512 && !v.includes('\u0000'),
};
export type CursorPart = keyof typeof KINDS;

/** Decodes a cursor made by encodeCursor, checking the kind of each part; anything else is the client's 400. */
export function decodeCursor(cursor: string, shape: CursorPart[]): unknown[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === shape.length && key.every((v, i) => KINDS[shape[i]](v));
  if (!valid) {
    throw new ProblemException(400, 'The cursor is not valid.', [{ field: 'cursor', message: 'cursor is malformed' }]);
  }
  return key as unknown[];
}

/** Given `limit + 1` rows, returns the page and a cursor built from the last row shown. */
export function toPage<T, R = T>(rows: T[], limit: number, keyOf: (row: T) => unknown[], map?: (row: T) => R): Page<R> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items: map ? items.map(map) : (items as unknown as R[]), nextCursor };
}
