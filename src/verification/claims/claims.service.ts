import { ConflictException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Association } from '../../associations/association.entity';
import { AuthUser } from '../../auth/decorators';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { lockCredentialNumbers, setAuditContext } from '../status-change';
import { CERTIFICATION_COLUMNS } from './certification-columns';
import { CertificationDto } from '../dto/certification-views.dto';
import { checkCertification, CheckResult, RosterFacts } from '../check/check';
import { CreateCertificationDto } from '../dto/certification.dto';
import { normaliseCredentialNumber } from '../check/name-normalise';

interface Claimant {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
}

@Injectable()
export class ClaimsService {
  private readonly logger = new Logger(ClaimsService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Lists a credential and decides its status by the automatic check, in one transaction. */
  async submit(caller: AuthUser, dto: CreateCertificationDto): Promise<CertificationDto> {
    if (dto.issuedOn && dto.expiresOn && dto.expiresOn < dto.issuedOn) {
      throw new UnprocessableEntityException('expiresOn is before issuedOn.');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const claimant = await this.claimant(m, caller);
      const association = await m.findOneBy(Association, { slug: dto.associationSlug });
      if (!association) {
        throw new UnprocessableEntityException(`No association with the slug "${dto.associationSlug}".`);
      }
      const norm = normaliseCredentialNumber(dto.credentialNumber);
      await lockCredentialNumbers(m, association.id, [norm]);
      const [taken] = await m.query<unknown[]>(
        'SELECT 1 FROM certification WHERE therapist_id = $1 AND association_id = $2 AND credential_number_norm = $3 AND withdrawn_at IS NULL',
        [claimant.id, association.id, norm],
      );
      if (taken) {
        throw new ConflictException('You already list this credential number for this association.');
      }
      const { result, recordId } = await this.check(m, claimant, association, norm, dto);
      await setAuditContext(m, caller.id, 'submitted');
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO certification (therapist_id, association_id, credential_type, credential_number, credential_number_norm,
           issued_on, claimed_expires_on, expires_on, status, status_reason, roster_record_id, verified_at, last_checked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $9::text = 'verified' THEN now() END, now()) RETURNING id`,
        [
          claimant.id,
          association.id,
          dto.credentialType,
          dto.credentialNumber,
          norm,
          dto.issuedOn ?? null,
          dto.expiresOn ?? null,
          result.expiresOn,
          result.status,
          result.reason,
          recordId,
        ],
      );
      return row.id;
    });
    return this.findOne(this.dataSource.manager, id);
  }

  private async check(
    m: EntityManager,
    claimant: Claimant,
    association: Association,
    norm: string,
    dto: CreateCertificationDto,
  ): Promise<{ result: CheckResult; recordId: string | null }> {
    const [record] = await m.query<(RosterFacts & { id: string; today: string })[]>(
      `SELECT id, first_name AS "firstName", middle_name AS "middleName", last_name AS "lastName", credential_type AS "credentialType",
         status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn" FROM roster_record WHERE association_id = $1 AND credential_number_norm = $2`,
      [association.id, norm],
    );
    const [{ held, today }] = await m.query<{ held: boolean; today: string }[]>(
      `SELECT EXISTS (SELECT 1 FROM certification WHERE association_id = $1 AND credential_number_norm = $2 AND therapist_id <> $3
         AND withdrawn_at IS NULL AND certification_effective_status(status, expires_on) = 'verified') AS held,
         to_char(current_date, 'YYYY-MM-DD') AS today`,
      [association.id, norm, claimant.id],
    );
    const result = checkCertification({
      associationName: association.name,
      credentialType: dto.credentialType,
      claimedExpiresOn: dto.expiresOn ?? null,
      claimant: { firstName: claimant.first_name, middleName: claimant.middle_name, lastName: claimant.last_name },
      record: record ?? null,
      heldVerifiedElsewhere: held,
      decision: null,
      today,
    });
    return { result, recordId: record?.id ?? null };
  }

  private async claimant(m: EntityManager, caller: AuthUser): Promise<Claimant> {
    const [profile] = await m.query<Claimant[]>(
      'SELECT id, first_name, middle_name, last_name FROM therapist_profile WHERE user_id = $1',
      [caller.id],
    );
    if (!profile) {
      throw new UnprocessableEntityException(
        'Create your therapist profile first: credentials are checked against its legal name.',
      );
    }
    return profile;
  }

  async listOwn(caller: AuthUser, query: CursorQueryDto): Promise<Page<CertificationDto>> {
    const [after] = query.cursor ? (decodeCursor(query.cursor, ['string']) as string[]) : [];
    const rows = await this.dataSource.query<CertificationDto[]>(
      `SELECT ${CERTIFICATION_COLUMNS} FROM certification c JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE p.user_id = $1 AND c.withdrawn_at IS NULL AND ($2::uuid IS NULL OR c.id > $2::uuid)
       ORDER BY c.id LIMIT $3`,
      [caller.id, after ?? null, query.limit + 1],
    );
    return toPage(rows, query.limit, (r) => [r.id]);
  }

  async withdraw(caller: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<{ id: string }[]>(
        `SELECT c.id FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id
         WHERE c.id = $1 AND p.user_id = $2 AND c.withdrawn_at IS NULL FOR UPDATE OF c`,
        [id, caller.id],
      );
      if (!row) {
        throw new NotFoundException('You list no certification with this id.');
      }
      await setAuditContext(m, caller.id, 'withdrawn', 'Withdrawn by the therapist.');
      await m.query(
        'UPDATE certification SET withdrawn_at = now(), updated_at = now(), version = version + 1 WHERE id = $1',
        [id],
      );
    });
    this.logger.log(`Certification ${id} withdrawn by its therapist`);
  }

  async findOne(m: EntityManager, id: string): Promise<CertificationDto> {
    const [row] = await m.query<CertificationDto[]>(
      `SELECT ${CERTIFICATION_COLUMNS} FROM certification c JOIN association a ON a.id = c.association_id WHERE c.id = $1`,
      [id],
    );
    if (!row) {
      throw new NotFoundException('No certification with this id.');
    }
    return row;
  }
}
