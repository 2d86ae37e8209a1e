import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { createHash } from 'node:crypto';
import { Env } from '../config/env';
import { MailRenderer, RenderedMail } from './mail-renderer';
import { ClaimedMail, MailRepository } from './mail.repository';
import { MailSendError, MailTransport } from './mail-transport';

const BATCH = 20;
const MAX_DELAY_SECONDS = 6 * 3600;
const SUMMARY_EVERY_MS = 3600_000;

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Work that turns requests into outbox rows before each drain (e.g. password-reset requests). */
export type MailProducer = () => Promise<unknown>;

/**
 * Sends the outbox, outside any request: every NOTICE_DELIVERY_INTERVAL_SECONDS, and right after a request queued
 * mail (kick). Each mail is claimed by one worker of one instance; temporary failures are retried with exponential
 * back-off, permanent ones (5xx) and exhausted ones end as `failed`, listed by GET /mail/failed.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailWorker.name);
  private readonly producers = new Map<string, MailProducer>();
  private tail: Promise<unknown> = Promise.resolve();
  private queued = false;
  private stopped = false;
  private lastSummaryAt = 0;
  private readonly host: string;

  constructor(
    private readonly env: Env,
    private readonly repository: MailRepository,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.host = new URL(env.PUBLIC_URL!).hostname || 'localhost';
  }

  onApplicationBootstrap(): void {
    const seconds = this.env.NOTICE_DELIVERY_INTERVAL_SECONDS;
    if (seconds > 0) {
      this.scheduler.addInterval(
        'mail-worker',
        setInterval(() => this.kick(), seconds * 1000),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }

  addProducer(name: string, producer: MailProducer): void {
    this.producers.set(name, producer);
  }

  /** Asks for a drain soon, off the caller's path; runs coalesce. Does nothing when the worker is switched off. */
  kick(): void {
    if (this.stopped || this.env.NOTICE_DELIVERY_INTERVAL_SECONDS <= 0 || this.queued) {
      return;
    }
    this.queued = true;
    void this.drain()
      .catch((error: unknown) => this.logger.error(`Mail delivery failed: ${String(error)}`))
      .finally(() => (this.queued = false));
  }

  /** Runs the producers, then sends everything due; one run at a time per instance. */
  drain(): Promise<DrainResult> {
    const run = this.tail.then(() => this.runOnce());
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async runOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    if (this.stopped) {
      return result;
    }
    await this.produce();
    result.failed += await this.repository.failInterrupted();
    for (;;) {
      const claimed = await this.repository.claim(BATCH, this.env.MAIL_SEND_LEASE_SECONDS);
      for (const mail of claimed) {
        result[await this.deliver(mail)]++;
      }
      if (claimed.length < BATCH || this.stopped) {
        return result;
      }
    }
  }

  private async produce(): Promise<void> {
    const jobs: [string, MailProducer][] = [...this.producers];
    if (Date.now() - this.lastSummaryAt >= SUMMARY_EVERY_MS) {
      jobs.push(['claims-summary', () => this.repository.queueClaimsSummaries()]);
      this.lastSummaryAt = Date.now();
    }
    for (const [name, producer] of jobs) {
      await producer().catch((error: unknown) => this.logger.error(`Mail producer ${name} failed: ${String(error)}`));
    }
  }

  private async deliver(mail: ClaimedMail): Promise<keyof DrainResult> {
    const messageId = `<nmt-${mail.id}-${createHash('sha256').update(mail.dedupeKey).digest('hex').slice(0, 12)}@${this.host}>`;
    try {
      await this.transport.send(this.render(mail), { messageId, label: `${mail.id}-${mail.kind}` });
    } catch (error) {
      const failure = error instanceof MailSendError ? error : new MailSendError(String(error), false);
      if (failure.permanent || mail.attempts >= this.env.MAIL_MAX_ATTEMPTS) {
        await this.repository.markFailed(mail.id, mail.attempts, failure.message);
        this.logger.warn(
          `Mail ${mail.id} (${mail.kind}) failed for good after ${mail.attempts} attempt(s): ${failure.message}`,
        );
        return 'failed';
      }
      const delay = Math.min(MAX_DELAY_SECONDS, this.env.MAIL_RETRY_BASE_SECONDS * 2 ** (mail.attempts - 1));
      await this.repository.markRetry(mail.id, mail.attempts, failure.message, delay);
      this.logger.warn(`Mail ${mail.id} (${mail.kind}) not sent, retrying in ${delay} s: ${failure.message}`);
      return 'retried';
    }
    await this.repository.markSent(mail.id, mail.attempts, messageId);
    return 'sent';
  }

  /** A mail that cannot be rendered will not render on a later attempt either. */
  private render(mail: ClaimedMail): RenderedMail {
    try {
      return this.renderer.render(mail);
    } catch (error) {
      throw new MailSendError(
        `Cannot render this mail: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
    }
  }
}
