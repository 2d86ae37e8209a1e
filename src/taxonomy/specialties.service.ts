import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CreateSpecialtyDto, SpecialtyDto, SpecialtyListDto, UpdateSpecialtyDto } from './dto/specialty.dto';
import { Specialty } from './specialty.entity';
import { refuseInUse, refuseTakenSlug } from './taxonomy-errors';

const toDto = ({ slug, name, description }: Specialty): SpecialtyDto => ({ slug, name, description });

@Injectable()
export class SpecialtiesService {
  constructor(@InjectRepository(Specialty) private readonly specialties: Repository<Specialty>) {}

  async list(): Promise<SpecialtyListDto> {
    const rows = await this.specialties.find({ order: { name: 'ASC', slug: 'ASC' } });
    return { items: rows.map(toDto), nextCursor: null };
  }

  async create(dto: CreateSpecialtyDto): Promise<SpecialtyDto> {
    const entity = this.specialties.create(dto);
    await refuseTakenSlug('specialty', dto.slug, () => this.specialties.insert(entity));
    return toDto(entity);
  }

  async update(slug: string, dto: UpdateSpecialtyDto): Promise<SpecialtyDto> {
    const specialty = await this.find(slug);
    return toDto(await this.specialties.save(this.specialties.merge(specialty, dto)));
  }

  async remove(slug: string): Promise<void> {
    await this.find(slug);
    await refuseInUse('specialty', slug, () => this.specialties.delete({ slug }));
  }

  private async find(slug: string): Promise<Specialty> {
    const specialty = await this.specialties.findOneBy({ slug });
    if (!specialty) {
      throw new NotFoundException(`No specialty "${slug}".`);
    }
    return specialty;
  }
}
