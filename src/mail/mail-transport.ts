import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { Env } from '../config/env';
import { RenderedMail } from './mail-renderer';

export interface Envelope {
  messageId: string;
  /** For file names and logs. */
  label: string;
}

/** Why a send failed, as far as retrying is concerned. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** A 5xx reply is final; a 4xx reply, a timeout or a refused connection may pass on a later attempt. */
function classify(error: unknown): MailSendError {
  const { responseCode, message } = error as { responseCode?: number; message?: string };
  const text = (message ?? String(error)).slice(0, 500);
  return new MailSendError(text, typeof responseCode === 'number' && responseCode >= 500);
}

/**
 * Sends rendered mail: over SMTP when SMTP_URL is set, else (the embedded default) into MAIL_DIR as .eml files
 * with a log line naming the file and the link, so a developer can read what was sent without any setup.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  readonly embedded: boolean;

  constructor(private readonly env: Env) {
    this.embedded = !env.SMTP_URL;
    // Socket timeouts well inside MAIL_SEND_LEASE_SECONDS: a hung server cannot hold a claimed mail past its lease.
    this.transporter = env.SMTP_URL
      ? nodemailer.createTransport(
          { url: env.SMTP_URL, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
          { from: env.MAIL_FROM },
        )
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: env.MAIL_FROM });
  }

  async send(mail: RenderedMail, envelope: Envelope): Promise<void> {
    let info: { message?: Buffer };
    try {
      info = await this.transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: envelope.messageId,
      });
    } catch (error) {
      throw classify(error);
    }
    if (this.embedded) {
      await this.keep(mail, envelope, info.message!);
    }
  }

  private async keep(mail: RenderedMail, envelope: Envelope, message: Buffer): Promise<void> {
    await mkdir(this.env.MAIL_DIR, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(this.env.MAIL_DIR, `${stamp}-${envelope.label}.eml`);
    await writeFile(file, message);
    this.logger.log(`Mail to ${mail.to}: "${mail.subject}" kept in ${file}${mail.link ? ` (link: ${mail.link})` : ''}`);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
