import { CreateSpecialtyDto, SpecialtyDto, SpecialtyListDto, UpdateSpecialtyDto } from './dto/specialty.dto';
import { SpecialtiesService } from './specialties.service';
import { taxonomyController } from './taxonomy.controller';

export const SpecialtiesController = taxonomyController({
  name: 'SpecialtiesController',
  path: 'specialties',
  kind: 'specialty',
  service: SpecialtiesService,
  dto: SpecialtyDto,
  list: SpecialtyListDto,
  create: CreateSpecialtyDto,
  update: UpdateSpecialtyDto,
  listed: { summary: 'Techniques and focuses', description: 'Every specialty at once, ordered by name.' },
  edited: 'Changes the fields sent. The slug cannot change.',
});
