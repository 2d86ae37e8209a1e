import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { MailWorker } from '../../src/mail/mail-worker';
import { TestApp } from './app';
import { tokenFrom } from './smtp';
import { TestUser } from './users';

export interface KeptMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends what is due now (the worker's own drain) and reads the messages the embedded default kept in MAIL_DIR. */
export async function keptMail(t: TestApp, to?: string): Promise<KeptMail[]> {
  await t.app.get(MailWorker).drain();
  const files = (await readdir(t.env.MAIL_DIR).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  const mails: KeptMail[] = [];
  for (const file of files) {
    const parsed = await simpleParser(await readFile(join(t.env.MAIL_DIR, file)));
    const address = (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0]?.address ?? '';
    if (!to || address.toLowerCase() === to.toLowerCase()) {
      mails.push({
        file,
        to: address,
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      });
    }
  }
  return mails;
}

/** Confirms the user's e-mail the way they would: with the link in the confirmation mail they received. */
export async function confirmEmail(t: TestApp, user: TestUser): Promise<void> {
  const mail = (await keptMail(t, user.email)).find((m) => m.subject === 'Confirm your e-mail address');
  if (!mail) {
    throw new Error(`No confirmation mail for ${user.email}`);
  }
  await t.http
    .post('/api/v1/auth/email-verification/confirm')
    .send({ token: tokenFrom(mail) })
    .expect(204);
}
