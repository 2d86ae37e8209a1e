import { ConflictException } from '@nestjs/common';

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

const codeOf = (error: unknown): unknown => (error as { code?: unknown })?.code;

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
