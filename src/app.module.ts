import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClusterModule } from './cluster/cluster.module';
import { SharedThrottlerStorage } from './cluster/shared-throttler-storage';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard, RolesGuard } from './auth/guards';
import { IdempotencyCleanup } from './common/idempotency-cleanup';
import { KnownQueryGuard } from './common/known-query.guard';
import { ProblemFilter } from './common/problem.filter';
import { throttlerOptions } from './common/rate-limit';
import { validationPipe } from './common/validation';
import { Env } from './config/env';
import { EnvModule } from './config/env.module';
import { databaseOptions } from './database/database.options';
import { HealthModule } from './health/health.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';
import { GeoModule } from './geo/geo.module';
import { TherapistsModule } from './therapists/therapists.module';
import { AssociationsModule } from './associations/associations.module';
import { VerificationModule } from './verification/verification.module';
import { SearchModule } from './search/search.module';
import { ReviewsModule } from './reviews/reviews.module';
import { PartnersModule } from './partners/partners.module';
import { MailModule } from './mail/mail.module';
import { AccountsModule } from './accounts/accounts.module';
import { CredentialsModule } from './credentials/credentials.module';
import { FhirModule } from './fhir/fhir.module';
import { WebModule } from './web/web.module';

/** Feature modules; each owns its controller, service, entities and DTOs. */
const FEATURES = [
  AuthModule,
  HealthModule,
  TaxonomyModule,
  GeoModule,
  TherapistsModule,
  AssociationsModule,
  VerificationModule,
  SearchModule,
  ReviewsModule,
  PartnersModule,
  MailModule,
  AccountsModule,
  CredentialsModule,
  FhirModule,
  WebModule,
];

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(env),
        TypeOrmModule.forRoot({
          ...databaseOptions(env.DATABASE_URL!, env.DB_POOL_SIZE, {
            connectSeconds: env.DB_CONNECT_TIMEOUT_SECONDS,
            statementSeconds: env.DB_STATEMENT_TIMEOUT_SECONDS,
            idleInTransactionSeconds: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS,
          }),
          autoLoadEntities: true,
          // start-up already waited for the database (src/database/wait-for-database.ts)
          retryAttempts: 2,
          retryDelay: 1000,
        }),
        ClusterModule,
        ThrottlerModule.forRootAsync({
          inject: [SharedThrottlerStorage],
          useFactory: (storage: SharedThrottlerStorage) => ({ ...throttlerOptions(env), storage }),
        }),
        ScheduleModule.forRoot(),
        ...FEATURES,
      ],
      providers: [
        // In this order: who is calling, may they, then is the query one the route knows.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: KnownQueryGuard },
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        IdempotencyCleanup,
      ],
    };
  }
}
