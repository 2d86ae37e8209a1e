import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificationsModule } from '../certifications/certifications.module';
import { Association } from './association.entity';
import { AssociationsController } from './associations.controller';
import { AssociationsService } from './associations.service';
import { RosterController } from './roster.controller';
import { RosterImportService } from './roster-import.service';
import { RosterRecord } from './roster-record.entity';
import { RosterRecordsService } from './roster-records.service';

@Module({
  imports: [TypeOrmModule.forFeature([Association, RosterRecord]), CertificationsModule],
  controllers: [AssociationsController, RosterController],
  providers: [AssociationsService, RosterImportService, RosterRecordsService],
  exports: [RosterImportService],
})
export class AssociationsModule {}
