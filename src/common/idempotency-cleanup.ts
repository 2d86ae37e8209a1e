import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { deleteExpiredKeys } from './idempotency.interceptor';

const HOURLY_MS = 3_600_000;

/** Idempotency keys live 24 hours: removed at start-up and every hour after (any instance may do it, any number). */
@Injectable()
export class IdempotencyCleanup implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdempotencyCleanup.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const run = () =>
      deleteExpiredKeys(this.dataSource).catch((error: unknown) =>
        this.logger.error(`removing expired idempotency keys failed: ${String(error)}`),
      );
    this.scheduler.addInterval(
      'idempotency-cleanup',
      setInterval(() => void run(), HOURLY_MS),
    );
    await run();
  }
}
