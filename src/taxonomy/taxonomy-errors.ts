import { ConflictException } from '@nestjs/common';

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';

const codeOf = (error: unknown): unknown => (error as { code?: unknown })?.code;

/** Runs a write, turning "slug already exists" into a 409 that names the slug. */
export async function refuseTakenSlug<T>(kind: string, slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (codeOf(error) === PG_UNIQUE_VIOLATION) {
      throw new ConflictException(`The ${kind} slug "${slug}" is already taken.`);
    }
    throw error;
  }
}

/** Runs a delete, turning "still referenced" into a 409 that says why. */
export async function refuseInUse<T>(kind: string, slug: string, remove: () => Promise<T>): Promise<T> {
  try {
    return await remove();
  } catch (error) {
    if (codeOf(error) === PG_FOREIGN_KEY_VIOLATION) {
      throw new ConflictException(
        `The ${kind} "${slug}" is in use by therapist profiles or reviews and cannot be removed.`,
      );
    }
    throw error;
  }
}
