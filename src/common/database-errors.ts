import { ConflictException } from '@nestjs/common';

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

const codeOf = (error: unknown): unknown => (error as { code?: unknown })?.code;

/** Node's codes for a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
/** node-postgres' own words for a connection it gave up on (it sets no code for these). */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error)/;

/**
 * The database is down, unreachable, shutting down, overloaded or took longer than the statement timeout: nothing the
 * client did wrong, and nothing a retry a little later would not fix. SQLSTATE classes 08 (connection exception) and
 * 57 (operator intervention: admin shutdown, cannot connect now, query cancelled by statement_timeout), 53300 (too many
 * connections); network errors; the driver's timeouts.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = (error as { driverError?: unknown })?.driverError ?? error;
  const code = codeOf(driverError);
  if (typeof code === 'string' && (/^(08|57)/.test(code) || code === '53300' || NETWORK_CODES.has(code))) {
    return true;
  }
  const message = (driverError as { message?: unknown })?.message;
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/**
 * The one place a database refusal becomes a problem the client can act on: a write whose unique constraint (or
 * a delete whose foreign key) refuses it becomes a 409 in the caller's words. Anything else propagates; the global
 * filter answers the remaining unique and foreign-key violations with a generic 409.
 */
export async function conflictWhen<T>(
  write: () => Promise<T>,
  words: { unique?: string; referenced?: string },
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = codeOf(error);
    if (code === PG_UNIQUE_VIOLATION && words.unique) {
      throw new ConflictException(words.unique);
    }
    if (code === PG_FOREIGN_KEY_VIOLATION && words.referenced) {
      throw new ConflictException(words.referenced);
    }
    throw error;
  }
}
