import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Condition } from './condition.entity';
import { ConditionDto, ConditionListDto, CreateConditionDto, UpdateConditionDto } from './dto/condition.dto';
import { refuseInUse, refuseTakenSlug } from './taxonomy-errors';

const toDto = ({ slug, name, icd10, synonyms }: Condition): ConditionDto => ({ slug, name, icd10, synonyms });

@Injectable()
export class ConditionsService {
  constructor(@InjectRepository(Condition) private readonly conditions: Repository<Condition>) {}

  async list(): Promise<ConditionListDto> {
    const rows = await this.conditions.find({ order: { name: 'ASC', slug: 'ASC' } });
    return { items: rows.map(toDto), nextCursor: null };
  }

  async create(dto: CreateConditionDto): Promise<ConditionDto> {
    const entity = this.conditions.create({ ...dto, icd10: dto.icd10 ?? [], synonyms: dto.synonyms ?? [] });
    await refuseTakenSlug('condition', dto.slug, () => this.conditions.insert(entity));
    return toDto(entity);
  }

  async update(slug: string, dto: UpdateConditionDto): Promise<ConditionDto> {
    const condition = await this.find(slug);
    return toDto(await this.conditions.save(this.conditions.merge(condition, dto)));
  }

  async remove(slug: string): Promise<void> {
    await this.find(slug);
    await refuseInUse('condition', slug, () => this.conditions.delete({ slug }));
  }

  private async find(slug: string): Promise<Condition> {
    const condition = await this.conditions.findOneBy({ slug });
    if (!condition) {
      throw new NotFoundException(`No condition "${slug}".`);
    }
    return condition;
  }
}
