import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Condition } from './condition.entity';
import { ConditionsController } from './conditions.controller';
import { ConditionsService } from './conditions.service';
import { SpecialtiesController } from './specialties.controller';
import { SpecialtiesService } from './specialties.service';
import { Specialty } from './specialty.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Condition, Specialty])],
  controllers: [ConditionsController, SpecialtiesController],
  providers: [ConditionsService, SpecialtiesService],
  exports: [ConditionsService, SpecialtiesService],
})
export class TaxonomyModule {}
