import { Module } from '@nestjs/common';
import { CredentialKeys } from './credential-keys.service';
import { CredentialsController } from './credentials.controller';
import { CredentialsRepository } from './credentials.repository';
import { CredentialsService } from './credentials.service';
import { WellKnownController } from './well-known.controller';

/** Verifiable credentials for verified certifications, their signing keys and revocation status lists. */
@Module({
  controllers: [CredentialsController, WellKnownController],
  providers: [CredentialKeys, CredentialsRepository, CredentialsService],
})
export class CredentialsModule {}
