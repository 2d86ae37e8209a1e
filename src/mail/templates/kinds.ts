/**
 * The mail of each outbox kind: a subject, a plain-text part and an HTML part (Handlebars). Both parts are
 * escape-by-default: `{{value}}` is HTML-escaped in the HTML part; the text part is plain text and escapes nothing.
 */
export interface MailSource {
  subject: string;
  text: string;
  html: string;
}

export const MAIL_KINDS: Record<string, MailSource> = {
  'email-confirmation': {
    subject: 'Confirm your e-mail address',
    text: `Please confirm that this is your e-mail address by opening this link:

{{link}}

The link works once and expires in 7 days. If you did not create an account, ignore this mail.`,
    html: `<p>Please confirm that this is your e-mail address.</p>
<p><a href="{{link}}">Confirm my e-mail address</a></p>
<p>Or copy this link into your browser: {{link}}</p>
<p>The link works once and expires in 7 days. If you did not create an account, ignore this mail.</p>`,
  },
  'password-reset': {
    subject: 'Reset your password',
    text: `Someone (hopefully you) asked to reset the password of your account. Choose a new password here:

{{link}}

The link works once and expires in 30 minutes. If you did not ask, ignore this mail: your password stays as it is.`,
    html: `<p>Someone (hopefully you) asked to reset the password of your account.</p>
<p><a href="{{link}}">Choose a new password</a></p>
<p>Or copy this link into your browser: {{link}}</p>
<p>The link works once and expires in 30 minutes. If you did not ask, ignore this mail: your password stays as it is.</p>`,
  },
  'certification-outcome': {
    subject: 'Your {{credentialType}} credential: {{statusText}}',
    text: `We checked your {{credentialType}} credential {{credentialNumber}} from {{associationName}}.

Outcome: {{statusText}}
Reason: {{reason}}

Your profile: {{link}}`,
    html: `<p>We checked your {{credentialType}} credential {{credentialNumber}} from {{associationName}}.</p>
<p><strong>Outcome: {{statusText}}</strong><br>Reason: {{reason}}</p>
<p><a href="{{link}}">Your profile</a></p>`,
  },
  'certification-expired': {
    subject: 'Your {{credentialType}} credential has expired',
    text: `Your {{credentialType}} credential {{credentialNumber}} from {{associationName}} expired on {{expiresOn}}.
Your profile no longer shows it as verified. Once {{associationName}} records the renewal, list it again.

Your profile: {{link}}`,
    html: `<p>Your {{credentialType}} credential {{credentialNumber}} from {{associationName}} expired on {{expiresOn}}.
Your profile no longer shows it as verified. Once {{associationName}} records the renewal, list it again.</p>
<p><a href="{{link}}">Your profile</a></p>`,
  },
  'expiry-60': {
    subject: 'Your {{credentialType}} credential expires on {{expiresOn}}',
    text: `Your {{credentialType}} credential {{credentialNumber}} ({{associationSlug}}) expires on {{expiresOn}}, in {{daysLeft}} days.
Renew it with your association in time to keep your verified badge.`,
    html: `<p>Your {{credentialType}} credential {{credentialNumber}} ({{associationSlug}}) expires on <strong>{{expiresOn}}</strong>, in {{daysLeft}} days.</p>
<p>Renew it with your association in time to keep your verified badge.</p>`,
  },
  'expiry-30': {
    subject: 'Reminder: your {{credentialType}} credential expires on {{expiresOn}}',
    text: `Your {{credentialType}} credential {{credentialNumber}} ({{associationSlug}}) expires on {{expiresOn}}, in {{daysLeft}} days.
Without a renewal on record, your profile stops showing it as verified on that day.`,
    html: `<p>Your {{credentialType}} credential {{credentialNumber}} ({{associationSlug}}) expires on <strong>{{expiresOn}}</strong>, in {{daysLeft}} days.</p>
<p>Without a renewal on record, your profile stops showing it as verified on that day.</p>`,
  },
  'claims-summary': {
    subject: '{{waiting}} claims waiting in the {{associationName}} review queue',
    text: `{{waiting}} credential claims are waiting for a decision in the {{associationName}} review queue (oldest from {{oldest}}).

Review them through the API: GET {{link}}`,
    html: `<p><strong>{{waiting}}</strong> credential claims are waiting for a decision in the {{associationName}} review queue (oldest from {{oldest}}).</p>
<p>Review them through the API: <code>GET {{link}}</code></p>`,
  },
  'review-new': {
    subject: 'A new review on your profile',
    text: `A client reviewed you: {{rating}} out of 5.

Read it on your profile: {{link}}`,
    html: `<p>A client reviewed you: <strong>{{rating}} out of 5</strong>.</p>
<p><a href="{{link}}">Read it on your profile</a></p>`,
  },
  'review-reply': {
    subject: 'Your reply to a review is published',
    text: `Your reply to a {{rating}}-star review is now shown on your profile: {{link}}`,
    html: `<p>Your reply to a {{rating}}-star review is now shown on your profile.</p>
<p><a href="{{link}}">See it on your profile</a></p>`,
  },
};
