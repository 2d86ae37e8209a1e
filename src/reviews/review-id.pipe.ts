import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** A malformed id names nothing that exists: 404, like an unknown one. */
export const idOf = (what: string): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`${what} not found.`) });
