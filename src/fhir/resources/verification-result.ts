import type { VerificationResult } from 'fhir/r4';
import { VerificationRow } from '../fhir.repository';
import { SYSTEMS } from '../fhir-urls';
import { reference, WithId } from './fhir-context';

type Outcome = Pick<VerificationResult, 'status'> & { source: 'successful' | 'failed' | 'unknown' };

/**
 * A certification's status as read today, in VerificationResult terms. Only `verified` is `validated`: a claim the
 * records did not (or no longer) confirm never reads as one.
 */
const OUTCOMES: Record<string, Outcome> = {
  verified: { status: 'validated', source: 'successful' },
  needs_review: { status: 'in-process', source: 'unknown' },
  unmatched: { status: 'attested', source: 'unknown' },
  rejected: { status: 'val-fail', source: 'failed' },
  expired: { status: 'req-revalid', source: 'failed' },
};

const coding = (system: string, code: string) => ({ coding: [{ system, code }] });

/** One certification: checked against its association's records (the primary source), when, and the outcome. */
export function verificationResultResource(row: VerificationRow): WithId<VerificationResult> {
  const outcome = OUTCOMES[row.status] ?? OUTCOMES.needs_review;
  const checked = row.checkedAt ? new Date(row.checkedAt).toISOString() : undefined;
  const how = row.decided
    ? `${row.credentialType}: decided by ${row.associationName} against its records`
    : `${row.credentialType}: checked against the records of ${row.associationName}`;
  return {
    resourceType: 'VerificationResult',
    id: row.id,
    target: [reference('Practitioner', row.therapistId, row.displayName)],
    need: coding(SYSTEMS.need, 'periodic'),
    status: outcome.status,
    ...(checked ? { statusDate: checked, lastPerformed: checked } : {}),
    validationType: coding(SYSTEMS.validationType, 'primary'),
    validationProcess: [{ text: how }],
    primarySource: [
      {
        who: reference('Organization', row.associationId, row.associationName),
        type: [coding(SYSTEMS.primarySourceType, 'issuer')],
        validationStatus: coding(SYSTEMS.validationStatus, outcome.source),
        ...(checked ? { validationDate: checked } : {}),
      },
    ],
  };
}
