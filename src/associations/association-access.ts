import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { Association } from './association.entity';

export async function findAssociationBySlug(manager: EntityManager, slug: string): Promise<Association> {
  const association = await manager.findOneBy(Association, { slug });
  if (!association) {
    throw new NotFoundException(`No association with the slug "${slug}".`);
  }
  return association;
}

/** Associations are public, so another association's routes are a plain 403 (nothing to hide), an unknown one 404. */
export async function associationForAdmin(
  manager: EntityManager,
  caller: AuthUser,
  slug: string,
): Promise<Association> {
  const association = await findAssociationBySlug(manager, slug);
  if (caller.associationId !== association.id) {
    throw new ForbiddenException('You administer another association.');
  }
  return association;
}
