import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProblemException } from '../common/problem';

const INVALID = () =>
  new ProblemException(400, 'The cursor is not valid for this search.', [
    { field: 'cursor', message: 'cursor is malformed, altered or from another search' },
  ]);

/**
 * Signed keyset cursors: the sort keys of the last row shown, bound by an HMAC to the search they came from,
 * so an altered cursor or one from another search (other point, filters or sort) is a 400, never a wrong page.
 */
export class SearchCursors {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', 'search-cursor').update(secret).digest();
  }

  encode(search: string, keys: (number | string)[]): string {
    const payload = Buffer.from(JSON.stringify(keys)).toString('base64url');
    return `${payload}.${this.sign(search, payload).toString('base64url')}`;
  }

  decode(search: string, cursor: string, length: number): (number | string)[] {
    const [payload, mac, extra] = cursor.split('.');
    if (!payload || !mac || extra !== undefined) {
      throw INVALID();
    }
    const given = Buffer.from(mac, 'base64url');
    const expected = this.sign(search, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw INVALID();
    }
    const keys: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const valid =
      Array.isArray(keys) &&
      keys.length === length &&
      keys.every((k, i) => (i === length - 1 ? typeof k === 'string' : typeof k === 'number' && Number.isFinite(k)));
    if (!valid) {
      throw INVALID();
    }
    return keys as (number | string)[];
  }

  private sign(search: string, payload: string): Buffer {
    return createHmac('sha256', this.key).update(search).update('\n').update(payload).digest().subarray(0, 18);
  }
}
