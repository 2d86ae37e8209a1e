import { matchNames, PersonName } from './name-match';

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
  decision: 'verify' | 'reject' | null;
  decisionReason: string | null;
  today: string;
}

export interface CheckResult {
  status: CertificationStatus;
  reason: string;
  expiresOn: string | null;
}

const sameType = (a: string, b: string) =>
  a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/** The automatic check: what the roster says about a claimed credential, in the order the rules take precedence. */
export function checkCertification(input: CheckInput): CheckResult {
  const { record, associationName: body } = input;
  const expiresOn = record?.expiresOn ?? input.claimedExpiresOn;
  const result = (status: CertificationStatus, reason: string): CheckResult => ({ status, reason, expiresOn });
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
  if (input.decision) {
    const verb = input.decision === 'verify' ? 'Verified' : 'Rejected';
    return result(
      input.decision === 'verify' ? 'verified' : 'rejected',
      `${verb} by ${body}: ${input.decisionReason ?? ''}`.trim(),
    );
  }
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
