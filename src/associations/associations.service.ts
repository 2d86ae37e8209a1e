import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { Role } from '../users/user.entity';
import { findAssociationBySlug } from './association-access';
import { Association } from './association.entity';
import {
  AssociationAdminDto,
  AssociationDto,
  CreateAssociationAdminDto,
  CreateAssociationDto,
} from './dto/association.dto';

const toDto = (a: AssociationDto): AssociationDto => ({
  slug: a.slug,
  name: a.name,
  website: a.website,
  credentialTypes: a.credentialTypes,
});

@Injectable()
export class AssociationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  async list(): Promise<{ items: AssociationDto[]; nextCursor: null }> {
    const rows = await this.dataSource.manager.find(Association, { order: { name: 'ASC', slug: 'ASC' } });
    return { items: rows.map(toDto), nextCursor: null };
  }

  async create(dto: CreateAssociationDto): Promise<AssociationDto> {
    const association = {
      slug: dto.slug,
      name: dto.name,
      website: dto.website ?? null,
      credentialTypes: dto.credentialTypes,
    };
    const inserted = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(Association)
      .values({ ...association })
      .orIgnore()
      .returning('id')
      .execute();
    if (!(inserted.raw as unknown[]).length) {
      throw new ConflictException(`The slug "${dto.slug}" is taken.`);
    }
    return association;
  }

  async createAdmin(slug: string, dto: CreateAssociationAdminDto): Promise<AssociationAdminDto> {
    const association = await findAssociationBySlug(this.dataSource.manager, slug);
    const user = await this.auth.createUser({ ...dto, role: Role.AssociationAdmin, associationId: association.id });
    return { id: user.id, email: user.email, name: user.name, role: user.role, associationSlug: association.slug };
  }
}
