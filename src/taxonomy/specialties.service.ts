import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SpecialtyDto } from './dto/specialty.dto';
import { Specialty } from './specialty.entity';
import { TaxonomyService } from './taxonomy.service';

@Injectable()
export class SpecialtiesService extends TaxonomyService<Specialty, SpecialtyDto> {
  constructor(@InjectRepository(Specialty) specialties: Repository<Specialty>) {
    super(specialties, 'specialty', ({ slug, name, description }) => ({ slug, name, description }));
  }
}
