import {
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../../auth/decorators';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { DeferredBody } from '../../common/deferred-body';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { Role } from '../../users/user.entity';
import { lockCredentialNumbers, setAuditContext } from '../status-change';
import { checkCertification, holderOf } from '../check/check';
import { CertificationsRepository, RecordFacts } from '../certifications.repository';
import { DecisionTarget, DecisionsRepository, LockedClaim } from './decisions.repository';
import { CertificationDto } from '../dto/certification-views.dto';
import { AuditEntryDto } from '../dto/certification-views.dto';
import { DecisionDto } from '../dto/certification.dto';

@Injectable()
export class DecisionsService {
  private readonly logger = new Logger(DecisionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: DecisionsRepository,
    private readonly certifications: CertificationsRepository,
  ) {}

  /**
   * An association admin's decision. It takes the credential number's lock first — the one every import, claim and
   * re-check takes — then locks the certification and only then reads the roster record, so it always sees what the
   * roster says once any import in progress has committed. The status comes from the same check as every other path:
   * an admin vouches for one record's holder, and a revoked, suspended or expired record still wins.
   */
  async decide(caller: AuthUser, id: string, body: DeferredBody<DecisionDto>): Promise<CertificationDto> {
    let decision = '';
    const result = await this.dataSource.transaction(async (m) => {
      const target = await this.target(m, id);
      if (caller.associationId !== target.associationId) {
        throw new ForbiddenException('Only admins of the issuing association decide on this certification.');
      }
      const dto = await body.read();
      decision = dto.decision;
      await lockCredentialNumbers(m, target.associationId, [target.norm]);
      const claim = await this.decisions.lock(m, id);
      const facts = await this.certifications.facts(m, target.associationId, target.norm, target.therapistId);
      this.refuseImpossible(claim, facts, dto);
      const holder = facts.record ? holderOf(facts.record) : null;
      const checked = checkCertification({
        associationName: claim.associationName,
        credentialType: claim.credentialType,
        claimedExpiresOn: claim.claimedExpiresOn,
        claimant: claim,
        record: facts.record,
        heldVerifiedElsewhere: facts.heldElsewhere,
        decision: { verdict: dto.decision, reason: dto.reason, holder },
        today: facts.today,
      });
      const action = dto.decision === 'verify' ? 'verified' : 'rejected';
      await setAuditContext(m, caller.id, action, dto.reason);
      await this.decisions.save(m, {
        id,
        verdict: dto.decision,
        by: caller.id,
        holder,
        result: checked,
        recordId: facts.record?.id ?? null,
      });
      if (claim.status === checked.status) {
        await this.decisions.auditUnchanged(m, id, caller.id, action, checked.status, dto.reason);
      }
      return this.certifications.findOne(m, id);
    });
    this.logger.log(`Certification ${id}: ${decision} by admin ${caller.id}`);
    return result!;
  }

  private refuseImpossible(
    claim: LockedClaim,
    facts: { record: RecordFacts | null; heldElsewhere: boolean; today: string },
    dto: DecisionDto,
  ): void {
    if (claim.withdrawn) {
      throw new UnprocessableEntityException('The therapist has withdrawn this certification.');
    }
    if (dto.decision === 'reject') {
      return;
    }
    const record = facts.record;
    if (!record) {
      throw new UnprocessableEntityException(
        'The association has no record with this credential number: import it first; a decision vouches for a record.',
      );
    }
    if (record.status === 'revoked' || record.status === 'suspended') {
      throw new UnprocessableEntityException(
        `The roster lists this credential as ${record.status}; update the roster first.`,
      );
    }
    const lapsed = record.status === 'expired' || (record.expiresOn !== null && record.expiresOn < facts.today);
    if (claim.effective === 'expired' || lapsed) {
      throw new UnprocessableEntityException('An expired credential cannot be verified.');
    }
    if (facts.heldElsewhere) {
      throw new UnprocessableEntityException(
        'Another profile holds this credential number verified; one credential belongs to one person. Reject or withdraw that one first.',
      );
    }
  }

  private async target(m: EntityManager, id: string): Promise<DecisionTarget> {
    const target = await this.decisions.target(m, id);
    if (!target) {
      throw new NotFoundException('No certification with this id.');
    }
    return target;
  }

  /** The owner, that association's admins and platform admins may read the trail; anyone else gets 403. */
  async audit(caller: AuthUser, id: string, query: CursorQueryDto): Promise<Page<AuditEntryDto>> {
    const m = this.dataSource.manager;
    const target = await this.target(m, id);
    const allowed =
      caller.role === Role.PlatformAdmin ||
      target.owner === caller.id ||
      (caller.role === Role.AssociationAdmin && caller.associationId === target.associationId);
    if (!allowed) {
      throw new ForbiddenException(
        'Only the therapist, the issuing association and platform admins can read this trail.',
      );
    }
    const [after] = query.cursor ? (decodeCursor(query.cursor, ['integer']) as number[]) : [0];
    const rows = await this.decisions.auditPage(m, id, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (r) => [Number(r.seq)],
      ({ seq: _seq, ...entry }) => entry,
    );
  }
}
