import { Module } from '@nestjs/common';
import { TherapistsModule } from '../therapists/therapists.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AccountsRepository } from './accounts.repository';
import { DeletionService } from './deletion.service';
import { ErasureRepository } from './erasure.repository';
import { EmailVerificationService } from './email-verification.service';
import { ExportService } from './export.service';
import { PasswordResetService } from './password-reset.service';
import { UsersAdminService } from './users-admin.service';
import { UsersController } from './users.controller';

/** Password reset, e-mail confirmation, one's own account (name, password, export, deletion), and role management. */
@Module({
  imports: [TherapistsModule],
  controllers: [AccountController, UsersController],
  providers: [
    AccountsRepository,
    AccountService,
    PasswordResetService,
    EmailVerificationService,
    ExportService,
    DeletionService,
    ErasureRepository,
    UsersAdminService,
  ],
  exports: [PasswordResetService, EmailVerificationService],
})
export class AccountsModule {}
