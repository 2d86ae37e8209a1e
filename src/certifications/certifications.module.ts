import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Certification } from './certification.entity';
import { CertificationCheckService } from './certification-check.service';
import { CertificationsController } from './certifications.controller';
import { CertificationsService } from './certifications.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { ExpiryService } from './expiry.service';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueService } from './review-queue.service';
import { VerifyController } from './verify.controller';
import { VerifyService } from './verify.service';

@Module({
  imports: [TypeOrmModule.forFeature([Certification])],
  controllers: [CertificationsController, DecisionsController, ReviewQueueController, VerifyController],
  providers: [
    CertificationCheckService,
    CertificationsService,
    DecisionsService,
    ReviewQueueService,
    VerifyService,
    ExpiryService,
  ],
  exports: [CertificationCheckService, ExpiryService, VerifyService],
})
export class CertificationsModule {}
