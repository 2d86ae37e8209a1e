import { ConflictException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Association } from '../../associations/association.entity';
import { AuthUser } from '../../auth/decorators';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { CertificationsRepository } from '../certifications.repository';
import { checkCertification } from '../check/check';
import { normaliseCredentialNumber } from '../check/name-normalise';
import { CreateCertificationDto } from '../dto/certification.dto';
import { CertificationDto } from '../dto/certification-views.dto';
import { lockCredentialNumbers, setAuditContext } from '../status-change';
import { Claimant, ClaimsRepository } from './claims.repository';

@Injectable()
export class ClaimsService {
  private readonly logger = new Logger(ClaimsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimsRepository,
    private readonly certifications: CertificationsRepository,
  ) {}

  /**
   * Lists a credential and decides its status by the check, in one transaction: the number's lock first, then what
   * the roster says.
   */
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
      if (await this.claims.alreadyClaimed(m, claimant.id, association.id, norm)) {
        throw new ConflictException('You already list this credential number for this association.');
      }
      const facts = await this.certifications.facts(m, association.id, norm, claimant.id);
      const result = checkCertification({
        associationName: association.name,
        credentialType: dto.credentialType,
        claimedExpiresOn: dto.expiresOn ?? null,
        claimant,
        record: facts.record,
        heldVerifiedElsewhere: facts.heldElsewhere,
        decision: null,
        today: facts.today,
      });
      await setAuditContext(m, caller.id, 'submitted');
      return this.claims.insert(m, {
        therapistId: claimant.id,
        associationId: association.id,
        credentialType: dto.credentialType,
        credentialNumber: dto.credentialNumber,
        norm,
        issuedOn: dto.issuedOn ?? null,
        claimedExpiresOn: dto.expiresOn ?? null,
        result,
        recordId: facts.record?.id ?? null,
      });
    });
    return this.findOne(this.dataSource.manager, id);
  }

  private async claimant(m: EntityManager, caller: AuthUser): Promise<Claimant> {
    const claimant = await this.claims.claimant(m, caller.id);
    if (!claimant) {
      throw new UnprocessableEntityException(
        'Create your therapist profile first: credentials are checked against its legal name.',
      );
    }
    return claimant;
  }

  async listOwn(caller: AuthUser, query: CursorQueryDto): Promise<Page<CertificationDto>> {
    const [after] = query.cursor ? (decodeCursor(query.cursor, ['uuid']) as string[]) : [null];
    const rows = await this.claims.ownPage(this.dataSource.manager, caller.id, after, query.limit + 1);
    return toPage(rows, query.limit, (r) => [r.id]);
  }

  async withdraw(caller: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (!(await this.claims.lockOwn(m, id, caller.id))) {
        throw new NotFoundException('You list no certification with this id.');
      }
      await setAuditContext(m, caller.id, 'withdrawn', 'Withdrawn by the therapist.');
      await this.claims.withdraw(m, id);
    });
    this.logger.log(`Certification ${id} withdrawn by its therapist`);
  }

  async findOne(m: EntityManager, id: string): Promise<CertificationDto> {
    const row = await this.certifications.findOne(m, id);
    if (!row) {
      throw new NotFoundException('No certification with this id.');
    }
    return row;
  }
}
