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
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { Role } from '../../users/user.entity';
import { lockCredentialNumbers, setAuditContext } from '../status-change';
import { checkCertification, holderOf, RosterFacts } from '../check/check';
import { CertificationDto } from '../dto/certification-views.dto';
import { ClaimsService } from '../claims/claims.service';
import { AuditEntryDto } from '../dto/certification-views.dto';
import { DecisionDto } from '../dto/certification.dto';

interface Target {
  association_id: string;
  norm: string;
}

interface Locked {
  id: string;
  association_name: string;
  status: string;
  effective: string;
  withdrawn_at: Date | null;
  credential_type: string;
  claimed_expires_on: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  today: string;
}

interface FreshFacts {
  record: (RosterFacts & { id: string }) | null;
  held_elsewhere: boolean;
}

@Injectable()
export class DecisionsService {
  private readonly logger = new Logger(DecisionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certifications: ClaimsService,
  ) {}

  /**
   * An association admin's decision. It takes the credential number's lock first — the one every import, claim and
   * re-check takes — then locks the certification and only then reads the roster record, so it always sees what the
   * roster says once any import in progress has committed. The status comes from the same check as every other path:
   * an admin vouches for one record's holder, and a revoked, suspended or expired record still wins.
   */
  async decide(caller: AuthUser, id: string, dto: DecisionDto): Promise<CertificationDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const target = await this.target(m, id);
      if (caller.associationId !== target.association_id) {
        throw new ForbiddenException('Only admins of the issuing association decide on this certification.');
      }
      await lockCredentialNumbers(m, target.association_id, [target.norm]);
      const cert = await this.lock(m, id);
      const facts = await this.freshFacts(m, id);
      this.refuseImpossible(cert, facts, dto);
      const decision = {
        verdict: dto.decision,
        reason: dto.reason,
        holder: facts.record ? holderOf(facts.record) : null,
      };
      const checked = checkCertification({
        associationName: cert.association_name,
        credentialType: cert.credential_type,
        claimedExpiresOn: cert.claimed_expires_on,
        claimant: { firstName: cert.first_name, middleName: cert.middle_name, lastName: cert.last_name },
        record: facts.record,
        heldVerifiedElsewhere: facts.held_elsewhere,
        decision,
        today: cert.today,
      });
      const action = dto.decision === 'verify' ? 'verified' : 'rejected';
      await setAuditContext(m, caller.id, action, dto.reason);
      await m.query(
        `UPDATE certification SET status = $2, status_reason = $3, decision = $4, decided_by = $5, decided_holder = $6,
           expires_on = $7, roster_record_id = $8, last_checked_at = now(), updated_at = now(),
           verified_at = CASE WHEN $2::text = 'verified' AND status <> 'verified' THEN now() ELSE verified_at END,
           version = version + 1
         WHERE id = $1`,
        [
          id,
          checked.status,
          checked.reason,
          dto.decision,
          caller.id,
          decision.holder,
          checked.expiresOn,
          facts.record?.id ?? null,
        ],
      );
      if (cert.status === checked.status) {
        await m.query(
          `INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $4, $5)`,
          [id, caller.id, action, checked.status, dto.reason],
        );
      }
      return this.certifications.findOne(m, id);
    });
    this.logger.log(`Certification ${id}: ${dto.decision} by admin ${caller.id}`);
    return result;
  }

  private refuseImpossible(cert: Locked, facts: FreshFacts, dto: DecisionDto): void {
    if (cert.withdrawn_at) {
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
    if (
      cert.effective === 'expired' ||
      record.status === 'expired' ||
      (record.expiresOn !== null && record.expiresOn < cert.today)
    ) {
      throw new UnprocessableEntityException('An expired credential cannot be verified.');
    }
    if (facts.held_elsewhere) {
      throw new UnprocessableEntityException(
        'Another profile holds this credential number verified; one credential belongs to one person. Reject or withdraw that one first.',
      );
    }
  }

  private async target(m: EntityManager, id: string): Promise<Target> {
    const [target] = await m.query<Target[]>(
      'SELECT association_id, credential_number_norm AS norm FROM certification WHERE id = $1',
      [id],
    );
    if (!target) {
      throw new NotFoundException('No certification with this id.');
    }
    return target;
  }

  private async lock(m: EntityManager, id: string): Promise<Locked> {
    const [cert] = await m.query<Locked[]>(
      `SELECT c.id, a.name AS association_name, c.status, c.withdrawn_at, c.credential_type,
         to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS claimed_expires_on,
         certification_effective_status(c.status, c.expires_on) AS effective,
         p.first_name, p.middle_name, p.last_name, to_char(current_date, 'YYYY-MM-DD') AS today
       FROM certification c JOIN association a ON a.id = c.association_id JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return cert;
  }

  /** Read after the locks, in a statement of its own: what the roster and the other claims say now. */
  private async freshFacts(m: EntityManager, id: string): Promise<FreshFacts> {
    const [facts] = await m.query<FreshFacts[]>(
      `SELECT
         (SELECT json_build_object('id', r.id, 'firstName', r.first_name, 'middleName', r.middle_name, 'lastName', r.last_name,
            'credentialType', r.credential_type, 'status', r.status, 'expiresOn', to_char(r.expires_on, 'YYYY-MM-DD'))
          FROM roster_record r WHERE r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm) AS record,
         EXISTS (SELECT 1 FROM certification o WHERE o.association_id = c.association_id
           AND o.credential_number_norm = c.credential_number_norm AND o.therapist_id <> c.therapist_id
           AND o.withdrawn_at IS NULL AND certification_effective_status(o.status, o.expires_on) = 'verified') AS held_elsewhere
       FROM certification c WHERE c.id = $1`,
      [id],
    );
    return facts;
  }

  /** The owner, that association's admins and platform admins may read the trail; anyone else gets 403. */
  async audit(caller: AuthUser, id: string, query: CursorQueryDto): Promise<Page<AuditEntryDto>> {
    const [cert] = await this.dataSource.query<{ association_id: string; owner: string }[]>(
      `SELECT c.association_id, p.user_id AS owner FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id WHERE c.id = $1`,
      [id],
    );
    if (!cert) {
      throw new NotFoundException('No certification with this id.');
    }
    const allowed =
      caller.role === Role.PlatformAdmin ||
      cert.owner === caller.id ||
      (caller.role === Role.AssociationAdmin && caller.associationId === cert.association_id);
    if (!allowed) {
      throw new ForbiddenException(
        'Only the therapist, the issuing association and platform admins can read this trail.',
      );
    }
    const [after] = query.cursor ? (decodeCursor(query.cursor, ['number']) as number[]) : [0];
    const rows = await this.dataSource.query<(AuditEntryDto & { seq: string })[]>(
      `SELECT id AS seq, at, actor, action, from_status AS "fromStatus", to_status AS "toStatus", reason
       FROM certification_audit WHERE certification_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [id, after, query.limit + 1],
    );
    return toPage(
      rows,
      query.limit,
      (r) => [Number(r.seq)],
      ({ seq: _seq, ...entry }) => entry,
    );
  }
}
