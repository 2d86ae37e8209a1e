import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const USAGE_FLUSH_MS = 5_000;

/** Counts partner requests in memory and adds them to partner_usage in one statement every few seconds and on shutdown. */
@Injectable()
export class PartnerUsageCounter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PartnerUsageCounter.name);
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), USAGE_FLUSH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  count(partnerId: string): void {
    const key = `${partnerId}|${new Date().toISOString().slice(0, 10)}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) {
      return;
    }
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()].map((k) => k.split('|'));
    try {
      await this.db.query(
        `INSERT INTO partner_usage (partner_id, day, requests)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::bigint[])
         ON CONFLICT (partner_id, day) DO UPDATE SET requests = partner_usage.requests + EXCLUDED.requests`,
        [keys.map((k) => k[0]), keys.map((k) => k[1]), [...batch.values()]],
      );
    } catch (error) {
      for (const [key, n] of batch) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + n);
      }
      this.logger.warn(`Partner usage not saved yet, will retry: ${(error as Error).message}`);
    }
  }
}
