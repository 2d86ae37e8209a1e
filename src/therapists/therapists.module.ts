import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VerificationModule } from '../verification/verification.module';
import { GeoModule } from '../geo/geo.module';
import { ProfileRules } from './profile-rules';
import { ProfileViews } from './profile-views';
import { TherapistProfile } from './therapist-profile.entity';
import { TherapistsController } from './therapists.controller';
import { TherapistsRepository } from './therapists.repository';
import { TherapistsService } from './therapists.service';

@Module({
  imports: [TypeOrmModule.forFeature([TherapistProfile]), GeoModule, VerificationModule],
  controllers: [TherapistsController],
  providers: [TherapistsService, TherapistsRepository, ProfileRules, ProfileViews],
  exports: [TherapistsService, ProfileViews],
})
export class TherapistsModule {}
