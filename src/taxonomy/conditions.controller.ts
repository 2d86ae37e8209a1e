import { ConditionsService } from './conditions.service';
import { ConditionDto, ConditionListDto, CreateConditionDto, UpdateConditionDto } from './dto/condition.dto';
import { taxonomyController } from './taxonomy.controller';

export const ConditionsController = taxonomyController({
  name: 'ConditionsController',
  path: 'conditions',
  kind: 'condition',
  service: ConditionsService,
  dto: ConditionDto,
  list: ConditionListDto,
  create: CreateConditionDto,
  update: UpdateConditionDto,
  listed: {
    summary: 'Conditions treated',
    description: 'Every condition at once, ordered by name, with current ICD-10-CM codes and lay synonyms.',
  },
  edited: 'Changes the fields sent; lists are replaced whole. The slug cannot change.',
  withDefaults: (dto) => ({ icd10: [], synonyms: [], ...dto }),
});
