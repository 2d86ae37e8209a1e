import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { Env } from '../config/env';
import { TOKEN_KINDS } from './mail-queue';
import { MailTokens } from './mail-tokens';
import { HTML_LAYOUT, TEXT_LAYOUT } from './templates/layout';
import { MAIL_KINDS } from './templates/kinds';

/** One outbox row as the worker claimed it, with its recipient's current address. */
export interface OutboxMail {
  id: string;
  kind: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  email: string;
  name: string;
}

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link the mail is about (also logged by the embedded transport). */
  link: string | null;
}

type Render = (context: object) => string;

interface Compiled {
  subject: Render;
  text: Render;
  html: Render;
}

/** Where the link in a token mail leads (the token travels in the `token` query parameter). */
const TOKEN_PAGES: Record<string, string> = {
  'email-confirmation': '/account/confirm-email',
  'password-reset': '/account/reset-password',
};

const STATUS_TEXT: Record<string, string> = {
  verified: 'verified',
  needs_review: 'needs review by the association',
  rejected: 'rejected',
};

/** Renders outbox rows into mail with a text and an HTML part; every value is escaped in the HTML part. */
@Injectable()
export class MailRenderer {
  private readonly kinds = new Map<string, Compiled>();
  private readonly htmlLayout = Handlebars.compile(HTML_LAYOUT, { strict: true });
  private readonly textLayout = Handlebars.compile(TEXT_LAYOUT, { noEscape: true, strict: true });

  constructor(
    private readonly env: Env,
    private readonly tokens: MailTokens,
  ) {
    for (const [kind, source] of Object.entries(MAIL_KINDS)) {
      this.kinds.set(kind, {
        subject: Handlebars.compile(source.subject, { noEscape: true, strict: true }),
        text: Handlebars.compile(source.text, { noEscape: true, strict: true }),
        html: Handlebars.compile(source.html, { strict: true }),
      });
    }
  }

  render(mail: OutboxMail): RenderedMail {
    const compiled = this.kinds.get(mail.kind);
    if (!compiled) {
      throw new Error(`No template for mail kind "${mail.kind}"`);
    }
    const link = this.linkFor(mail);
    const context = {
      ...mail.payload,
      statusText: STATUS_TEXT[String(mail.payload.status)] ?? mail.payload.status,
      name: mail.name,
      link,
      publicUrl: this.env.PUBLIC_URL,
    };
    const subject = compiled.subject(context).replace(/[\r\n]+/g, ' ');
    return {
      to: mail.email,
      subject,
      text: this.textLayout({ ...context, body: compiled.text(context) }),
      html: this.htmlLayout({ ...context, subject, body: compiled.html(context) }),
      link,
    };
  }

  private linkFor(mail: OutboxMail): string {
    const base = this.env.PUBLIC_URL!;
    const purpose = TOKEN_KINDS[mail.kind];
    if (purpose) {
      const token = this.tokens.tokenFor(purpose, mail.id);
      return `${base}${TOKEN_PAGES[mail.kind]}?token=${encodeURIComponent(token)}`;
    }
    if (mail.kind === 'claims-summary') {
      return `${base}/api/v1/associations/${encodeURIComponent(String(mail.payload.associationSlug))}/verifications`;
    }
    if (typeof mail.payload.therapistId === 'string') {
      return `${base}/therapists/${encodeURIComponent(mail.payload.therapistId)}`;
    }
    return base;
  }
}
