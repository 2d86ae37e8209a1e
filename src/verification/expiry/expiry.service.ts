import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../../config/env';
import { setAuditContext } from '../status-change';

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
  ) {}

  onApplicationBootstrap(): void {
    // The notices this job queues are sent by the mail worker (src/mail).
    this.every('certification-expiry', this.env.EXPIRY_JOB_INTERVAL_SECONDS, () => this.runExpiry());
  }

  private every(name: string, seconds: number, job: () => Promise<unknown>): void {
    if (seconds <= 0) {
      return;
    }
    const tick = () => job().catch((error: unknown) => this.logger.error(`${name} failed: ${String(error)}`));
    this.scheduler.addInterval(
      name,
      setInterval(() => void tick(), seconds * 1000),
    );
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
      const [rows] = await m.query<[{ id: string }[], number]>(
        `UPDATE certification c SET status = 'expired', updated_at = now(), version = c.version + 1,
           status_reason = 'The credential expired on ' || to_char(c.expires_on, 'YYYY-MM-DD') || '.'
         WHERE c.id IN (SELECT id FROM certification WHERE withdrawn_at IS NULL AND expires_on < current_date
                          AND status IN ('verified', 'needs_review', 'unmatched') FOR UPDATE SKIP LOCKED)
         RETURNING c.id`,
      );
      if (rows.length) {
        this.logger.log(`${rows.length} certification(s) expired`);
      }
      return rows.length;
    });
  }

  /** One notice per certification, kind and expiry date: the dedupe key makes a rerun a no-op. */
  private async queueReminders(): Promise<number> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload)
       SELECT k.kind, k.kind || ':' || c.id || ':' || to_char(c.expires_on, 'YYYY-MM-DD'), p.user_id,
         json_build_object('certificationId', c.id, 'associationSlug', a.slug, 'credentialType', c.credential_type,
           'credentialNumber', c.credential_number, 'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD'),
           'daysLeft', c.expires_on - current_date)
       FROM certification c
       JOIN therapist_profile p ON p.id = c.therapist_id
       JOIN association a ON a.id = c.association_id
       CROSS JOIN LATERAL (SELECT CASE WHEN c.expires_on - current_date <= 30 THEN 'expiry-30' ELSE 'expiry-60' END AS kind) k
       WHERE c.withdrawn_at IS NULL AND c.expires_on BETWEEN current_date AND current_date + 60
         AND certification_effective_status(c.status, c.expires_on) = 'verified'
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
    );
    return rows.length;
  }
}
