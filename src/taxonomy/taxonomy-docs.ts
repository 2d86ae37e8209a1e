import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { Role } from '../users/user.entity';

/** Platform admins curate the taxonomy. */
export const Curator = () => Roles(Role.PlatformAdmin);

export const RemoveDocs = (kind: string) =>
  applyDecorators(
    HttpCode(204),
    ApiOperation({
      summary: `Remove a ${kind}`,
      description: `Refused with 409 while any therapist profile or review refers to the ${kind}.`,
    }),
    ApiNoContentResponse({ description: 'Removed' }),
    ApiNotFoundResponse({ description: `No ${kind} with this slug` }),
    ApiConflictResponse({ description: `The ${kind} is in use` }),
  );
