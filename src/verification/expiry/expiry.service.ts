import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../../config/env';
import { setAuditContext } from '../status-change';
import { ExpiryRepository } from './expiry.repository';

export interface ExpiryRun {
  expired: number;
  noticesQueued: number;
}

/**
 * Time is part of the truth. Reads already show a passed expiry as `expired` (certification_effective_status);
 * this job makes the stored status and the audit trail catch up, and queues reminders 60 and 30 days ahead.
 */
@Injectable()
export class ExpiryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExpiryService.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Env,
    private readonly scheduler: SchedulerRegistry,
    private readonly expiry: ExpiryRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The notices this job queues are sent by the mail worker (src/mail).
    await this.every('certification-expiry', this.env.EXPIRY_JOB_INTERVAL_SECONDS, () => this.runExpiry());
  }

  /** Runs at start-up too: an instance restarted more often than the interval still does the job. */
  private async every(name: string, seconds: number, job: () => Promise<unknown>): Promise<void> {
    if (seconds <= 0) {
      return;
    }
    const tick = () => job().catch((error: unknown) => this.logger.error(`${name} failed: ${String(error)}`));
    this.scheduler.addInterval(
      name,
      setInterval(() => void tick(), seconds * 1000),
    );
    await tick();
  }

  /** Expires what has passed and queues the reminders; safe to run concurrently and repeatedly. */
  async runExpiry(): Promise<ExpiryRun> {
    if (this.running) {
      return { expired: 0, noticesQueued: 0 };
    }
    this.running = true;
    try {
      return { expired: await this.expirePassed(), noticesQueued: await this.queueReminders() };
    } finally {
      this.running = false;
    }
  }

  private expirePassed(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await setAuditContext(m, 'system:expiry', 'expired');
      const expired = await this.expiry.expirePassed(m);
      if (expired) {
        this.logger.log(`${expired} certification(s) expired`);
      }
      return expired;
    });
  }

  private queueReminders(): Promise<number> {
    return this.expiry.queueReminders(this.dataSource.manager);
  }
}
