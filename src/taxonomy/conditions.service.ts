import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Condition } from './condition.entity';
import { ConditionDto } from './dto/condition.dto';
import { TaxonomyService } from './taxonomy.service';

@Injectable()
export class ConditionsService extends TaxonomyService<Condition, ConditionDto> {
  constructor(@InjectRepository(Condition) conditions: Repository<Condition>) {
    super(conditions, 'condition', ({ slug, name, icd10, synonyms }) => ({ slug, name, icd10, synonyms }));
  }
}
