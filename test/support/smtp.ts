import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Behaviour = 'accept' | { failTimes: number } | 'reject';

/** A message as it arrived at the receiver. */
export interface Received {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  parsed: ParsedMail;
}

const USER = 'mailer';
const PASS = 'secret-pass';

/**
 * A real SMTP server (npm smtp-server) for the tests: authenticates the sender, parses each message with mailparser.
 * `failTimes: n` answers 451 (try again later) to the first n deliveries; `reject` answers 550 to every one.
 */
export class TestSmtpServer {
  readonly received: Received[] = [];
  attempts = 0;
  private server: SMTPServer;
  private port = 0;

  private constructor(private behaviour: Behaviour) {
    this.server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === USER && auth.password === PASS
          ? callback(null, { user: USER })
          : callback(new Error('Invalid username or password')),
      onRcptTo: (_address, _session, callback) => {
        this.attempts++;
        const refusal = this.refusal();
        callback(refusal);
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.received.push({
              to: (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0]?.address ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  static async start(behaviour: Behaviour = 'accept'): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(behaviour);
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    smtp.port = (smtp.server.server.address() as AddressInfo).port;
    return smtp;
  }

  /** SMTP_URL for the app, credentials included. */
  get url(): string {
    return `smtp://${USER}:${PASS}@127.0.0.1:${this.port}`;
  }

  to(address: string): Received[] {
    return this.received.filter((m) => m.to.toLowerCase() === address.toLowerCase());
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private refusal(): Error | null {
    if (this.behaviour === 'reject') {
      return Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
    }
    if (typeof this.behaviour === 'object' && this.behaviour.failTimes > 0) {
      this.behaviour = { failTimes: this.behaviour.failTimes - 1 };
      return Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 });
    }
    return null;
  }
}

/** The link in a received mail's text part that carries a token. */
export function tokenLink(mail: { text: string }): URL {
  const match = /https?:\/\/\S+[?&]token=[^\s]+/.exec(mail.text);
  if (!match) {
    throw new Error(`No link with a token in: ${mail.text}`);
  }
  return new URL(match[0]);
}

/** The token of the link in the mail, as a user's browser would read it from the address bar. */
export function tokenFrom(mail: { text: string }): string {
  return tokenLink(mail).searchParams.get('token')!;
}
