import { ProblemException } from './problem';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor, checking its shape; anything else is the client's 400. */
export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): unknown[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i]);
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
