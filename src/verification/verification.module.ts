import { Module } from '@nestjs/common';
import { AssociationsModule } from '../associations/associations.module';
import { CertificationsRepository } from './certifications.repository';
import { CertificationChecker } from './check/checker.service';
import { CheckRepository } from './check/checker.repository';
import { ClaimsRepository } from './claims/claims.repository';
import { DecisionsRepository } from './decisions/decisions.repository';
import { ClaimsController } from './claims/claims.controller';
import { ClaimsService } from './claims/claims.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { ReviewQueueController } from './decisions/review-queue.controller';
import { ReviewQueueService } from './decisions/review-queue.service';
import { ExpiryRepository } from './expiry/expiry.repository';
import { ExpiryService } from './expiry/expiry.service';
import { VerifyController } from './lookup/verify.controller';
import { VerifyService } from './lookup/verify.service';
import { RosterImportService } from './roster/roster-import.service';
import { RosterRecordsRepository } from './roster/roster-records.repository';
import { RosterRecordsService } from './roster/roster-records.service';
import { RosterController } from './roster/roster.controller';

/**
 * Credential verification, end to end: claims and the check that decides them at once, the associations' rosters and
 * their import, the review queue and admins' decisions, the audit trail, expiry, and the public lookup.
 */
@Module({
  imports: [AssociationsModule],
  controllers: [ClaimsController, RosterController, ReviewQueueController, DecisionsController, VerifyController],
  providers: [
    CertificationsRepository,
    CheckRepository,
    ClaimsRepository,
    DecisionsRepository,
    ExpiryRepository,
    RosterRecordsRepository,
    CertificationChecker,
    ClaimsService,
    RosterImportService,
    RosterRecordsService,
    ReviewQueueService,
    DecisionsService,
    ExpiryService,
    VerifyService,
  ],
  exports: [CertificationChecker, ExpiryService, VerifyService],
})
export class VerificationModule {}
