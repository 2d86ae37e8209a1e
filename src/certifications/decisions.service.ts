import {
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { CursorQueryDto } from '../common/cursor-query.dto';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Role } from '../users/user.entity';
import { setAuditContext } from './audit-context';
import { CertificationDto } from './dto/certification-views.dto';
import { CertificationsService } from './certifications.service';
import { AuditEntryDto } from './dto/certification-views.dto';
import { DecisionDto } from './dto/certification.dto';

interface Locked {
  id: string;
  association_id: string;
  association_name: string;
  status: string;
  effective: string;
  withdrawn_at: Date | null;
  record_status: string | null;
}

@Injectable()
export class DecisionsService {
  private readonly logger = new Logger(DecisionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certifications: CertificationsService,
  ) {}

  /** An association admin's decision; the row lock makes concurrent decisions and imports take turns. */
  async decide(caller: AuthUser, id: string, dto: DecisionDto): Promise<CertificationDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const cert = await this.lock(m, id);
      if (caller.associationId !== cert.association_id) {
        throw new ForbiddenException('Only admins of the issuing association decide on this certification.');
      }
      this.refuseImpossible(cert, dto);
      const status = dto.decision === 'verify' ? 'verified' : 'rejected';
      const verb = dto.decision === 'verify' ? 'Verified' : 'Rejected';
      await setAuditContext(m, caller.id, status, dto.reason);
      await m.query(
        `UPDATE certification SET status = $2, status_reason = $3, decision = $4, decided_by = $5, updated_at = now(),
           verified_at = CASE WHEN $2::text = 'verified' AND status <> 'verified' THEN now() ELSE verified_at END, version = version + 1
         WHERE id = $1`,
        [id, status, `${verb} by ${cert.association_name}: ${dto.reason}`, dto.decision, caller.id],
      );
      if (cert.status === status) {
        await m.query(
          `INSERT INTO certification_audit (certification_id, actor, action, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $4, $5)`,
          [id, caller.id, status, status, dto.reason],
        );
      }
      return this.certifications.findOne(m, id);
    });
    this.logger.log(`Certification ${id}: ${dto.decision} by admin ${caller.id}`);
    return result;
  }

  private refuseImpossible(cert: Locked, dto: DecisionDto): void {
    if (cert.withdrawn_at) {
      throw new UnprocessableEntityException('The therapist has withdrawn this certification.');
    }
    if (dto.decision === 'verify' && (cert.effective === 'expired' || cert.record_status === 'expired')) {
      throw new UnprocessableEntityException('An expired credential cannot be verified.');
    }
    if (dto.decision === 'verify' && (cert.record_status === 'revoked' || cert.record_status === 'suspended')) {
      throw new UnprocessableEntityException(
        `The roster lists this credential as ${cert.record_status}; update the roster first.`,
      );
    }
  }

  private async lock(m: EntityManager, id: string): Promise<Locked> {
    const [cert] = await m.query<Locked[]>(
      `SELECT c.id, c.association_id, a.name AS association_name, c.status, c.withdrawn_at,
         certification_effective_status(c.status, c.expires_on) AS effective, r.status AS record_status
       FROM certification c JOIN association a ON a.id = c.association_id
       LEFT JOIN roster_record r ON r.association_id = c.association_id AND r.credential_number_norm = c.credential_number_norm
       WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    if (!cert) {
      throw new NotFoundException('No certification with this id.');
    }
    return cert;
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
