/** A mail the service gave up on. */
export class FailedMailDto {
  /** Outbox row id. */
  id!: string;
  /** What the mail was: email-confirmation, password-reset, certification-outcome, expiry-60, review-new, ... */
  kind!: string;
  recipientUserId!: string;
  /** The recipient's current address. */
  recipientEmail!: string;
  /** Send attempts made. */
  attempts!: number;
  /** The last error: the SMTP server's answer, or why the outcome is unknown. */
  lastError!: string | null;
  createdAt!: string;
  failedAt!: string;
}

export class FailedMailPageDto {
  items!: FailedMailDto[];
  nextCursor!: string | null;
}
