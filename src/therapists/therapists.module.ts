import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificationsModule } from '../certifications/certifications.module';
import { GeoModule } from '../geo/geo.module';
import { ProfileRules } from './profile-rules';
import { ProfileViews } from './profile-views';
import { TherapistProfile } from './therapist-profile.entity';
import { TherapistsController } from './therapists.controller';
import { TherapistsService } from './therapists.service';

@Module({
  imports: [TypeOrmModule.forFeature([TherapistProfile]), GeoModule, CertificationsModule],
  controllers: [TherapistsController],
  providers: [TherapistsService, ProfileRules, ProfileViews],
  exports: [TherapistsService, ProfileViews],
})
export class TherapistsModule {}
