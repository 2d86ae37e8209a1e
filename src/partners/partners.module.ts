import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Partner } from './partner.entity';
import { PartnerDirectory } from './partner-directory';
import { PartnerGate } from './partner-gate';
import { PartnerRateLimiter } from './partner-rate-limiter';
import { PartnerUsageCounter } from './partner-usage.counter';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({
  imports: [TypeOrmModule.forFeature([Partner])],
  controllers: [PartnersController],
  providers: [PartnersService, PartnerDirectory, PartnerRateLimiter, PartnerUsageCounter, PartnerGate],
  exports: [PartnerDirectory],
})
export class PartnersModule {}
