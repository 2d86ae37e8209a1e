import { matchNames, PersonName, sameHolder } from './name-match';

export const CERTIFICATION_STATUSES = ['verified', 'needs_review', 'unmatched', 'rejected', 'expired'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];
export type RecordStatus = 'active' | 'expired' | 'suspended' | 'revoked';

export interface RosterFacts extends PersonName {
  credentialType: string;
  status: RecordStatus;
  expiresOn: string | null;
}

export interface CheckInput {
  associationName: string;
  credentialType: string;
  claimedExpiresOn: string | null;
  claimant: PersonName;
  record: RosterFacts | null;
  /** Another profile holds this number with a verified certification right now. */
  heldVerifiedElsewhere: boolean;
  /** An association admin's decision, and the record holder it vouched for. */
  decision: Decision | null;
  today: string;
}

export interface Decision {
  verdict: 'verify' | 'reject';
  reason: string;
  /** The record's holder (first, middle and last name) when the decision was made. */
  holder: string | null;
}

export interface CheckResult {
  status: CertificationStatus;
  reason: string;
  expiresOn: string | null;
  /** False when an admin's decision no longer applies (the record now names someone else): forget it. */
  keepsDecision: boolean;
}

export const holderOf = (record: PersonName): string =>
  [record.firstName, record.middleName, record.lastName].filter(Boolean).join(' ');

const sameType = (a: string, b: string) =>
  a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The check: what the roster says about a claimed credential, in the order the rules take precedence. A revoked,
 * suspended or expired record overrides everything, an admin's decision included; a decision applies only while the
 * record still names the holder it was made for.
 */
export function checkCertification(input: CheckInput): CheckResult {
  const { record, associationName: body, decision } = input;
  const expiresOn = record?.expiresOn ?? input.claimedExpiresOn;
  const result = (status: CertificationStatus, reason: string, keepsDecision = true): CheckResult => ({
    status,
    reason,
    expiresOn,
    keepsDecision,
  });
  if (!record) {
    return result(
      'unmatched',
      `${body} has no record with this credential number yet; it is checked again on every roster import.`,
    );
  }
  if (record.status === 'revoked' || record.status === 'suspended') {
    return result('rejected', `${body} lists this credential as ${record.status}.`);
  }
  if (record.status === 'expired') {
    return result('expired', `${body} lists this credential as expired.`);
  }
  if (expiresOn !== null && expiresOn < input.today) {
    return result('expired', `The credential expired on ${expiresOn}.`);
  }
  if (decision && sameHolder(decision.holder, holderOf(record))) {
    const verb = decision.verdict === 'verify' ? 'Verified' : 'Rejected';
    return result(
      decision.verdict === 'verify' ? 'verified' : 'rejected',
      `${verb} by ${body}: ${decision.reason}`.trim(),
    );
  }
  const automatic = automaticCheck(input, record);
  if (!decision || automatic.status === 'verified') {
    return { ...automatic, keepsDecision: !decision };
  }
  return result(
    'needs_review',
    `${body}'s record for this number now names ${holderOf(record)}, not the holder an earlier decision was made ` +
      'for; the claim needs a new decision.',
    false,
  );
}

/** What the record says without anyone's decision: the name, the credential type, one holder per number. */
function automaticCheck(input: CheckInput, record: RosterFacts): CheckResult {
  const body = input.associationName;
  const expiresOn = record.expiresOn ?? input.claimedExpiresOn;
  const result = (status: CertificationStatus, reason: string): CheckResult => ({
    status,
    reason,
    expiresOn,
    keepsDecision: true,
  });
  const name = matchNames(input.claimant, record);
  if (name.verdict === 'mismatch') {
    return result('rejected', `The record with this number belongs to someone else: ${name.reason.toLowerCase()}`);
  }
  if (name.verdict === 'uncertain') {
    return result('needs_review', name.reason);
  }
  if (!sameType(input.credentialType, record.credentialType)) {
    return result('needs_review', `The credential type differs from the one on record (${record.credentialType}).`);
  }
  if (input.heldVerifiedElsewhere) {
    return result(
      'needs_review',
      'Another profile already holds this credential number verified; one credential belongs to one person.',
    );
  }
  return result('verified', `Verified against ${body}'s records: the name, credential type and status match.`);
}
