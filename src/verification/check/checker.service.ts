import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { lockCredentialNumbers, setAuditContext } from '../status-change';
import { checkCertification, CheckResult } from './check';
import { CheckRepository, CheckRow } from './checker.repository';

export interface RecheckOptions {
  /** Why, in the audit trail. */
  reason?: string;
  /** Drop admins' decisions first (they vouched for a name that is no longer the claimant's). */
  forgetDecisions?: boolean;
  /** Write an audit entry for every certification checked, not only those whose status changed. */
  auditEveryCheck?: boolean;
}

const RECHECK_BATCH = 1000;

/**
 * Runs the check again for existing certifications, each change audited by the database trigger. Every path that
 * changes a certification's status takes the same per-number locks first, then reads the roster record: a check can
 * never act on a record another transaction is changing.
 */
@Injectable()
export class CertificationChecker {
  constructor(private readonly repository: CheckRepository) {}

  /** Every live certification of the given credential numbers of one association (a roster import changed them). */
  async recheckNumbers(m: EntityManager, associationId: string, norms: string[]): Promise<number> {
    const ids = await this.repository.liveClaimsOfNumbers(m, associationId, norms);
    for (let i = 0; i < ids.length; i += RECHECK_BATCH) {
      await this.recheck(m, ids.slice(i, i + RECHECK_BATCH), 'system:import', 'rechecked');
    }
    return ids.length;
  }

  /** Every live certification of a therapist (their legal name changed). */
  async recheckTherapist(m: EntityManager, therapistId: string, actor: string, options: RecheckOptions): Promise<void> {
    const ids = await this.repository.liveClaimsOfTherapist(m, therapistId);
    if (ids.length) {
      await this.recheck(m, ids, actor, 'rechecked', options);
    }
  }

  /** Takes the per-number locks of the given certifications: associations in a fixed order, each one's slots in order. */
  async lockNumbersOf(m: EntityManager, ids: string[]): Promise<void> {
    const groups = new Map<string, string[]>();
    for (const { associationId, norm } of await this.repository.numbersOf(m, ids)) {
      groups.set(associationId, [...(groups.get(associationId) ?? []), norm]);
    }
    for (const [associationId, norms] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      await lockCredentialNumbers(m, associationId, norms);
    }
  }

  async recheck(m: EntityManager, ids: string[], actor: string, action: string, options: RecheckOptions = {}) {
    await this.lockNumbersOf(m, ids);
    await setAuditContext(m, actor, action, options.reason);
    const rows = await this.repository.load(m, ids);
    const claimedHere = new Set<string>();
    const outcomes = rows.map((row) => {
      const result = this.decide(row, claimedHere.has(row.norm), options.forgetDecisions ?? false);
      if (result.status === 'verified') {
        claimedHere.add(row.norm);
      }
      return {
        id: row.id,
        result,
        recordId: row.record?.id ?? null,
        keepsDecision: result.keepsDecision && !options.forgetDecisions,
      };
    });
    await this.repository.save(m, outcomes);
    const unchanged = rows.filter((row, i) => row.status === outcomes[i].result.status);
    if (options.auditEveryCheck && unchanged.length) {
      const reason = `${options.reason ?? 'Checked again.'} The status is unchanged.`;
      await this.repository.auditUnchanged(m, unchanged, actor, action, reason);
    }
  }

  private decide(row: CheckRow, verifiedInThisBatch: boolean, forgetDecisions: boolean): CheckResult {
    const decision =
      row.decision && !forgetDecisions
        ? { verdict: row.decision, reason: row.decisionReason ?? '', holder: row.decidedHolder }
        : null;
    return checkCertification({
      associationName: row.associationName,
      credentialType: row.credentialType,
      claimedExpiresOn: row.claimedExpiresOn,
      claimant: row,
      record: row.record,
      heldVerifiedElsewhere: row.heldElsewhere || verifiedInThisBatch,
      decision,
      today: row.today,
    });
  }
}
