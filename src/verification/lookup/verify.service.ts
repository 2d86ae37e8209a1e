import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CertificationsRepository } from '../certifications.repository';
import { normaliseCredentialNumber } from '../check/name-normalise';
import { VerifyQueryDto } from '../dto/certification.dto';
import { VerifyResultDto } from '../dto/certification-views.dto';

/** The public lookup, like a licensing board's: what the association's own roster says about a number. */
@Injectable()
export class VerifyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certifications: CertificationsRepository,
  ) {}

  async lookup(query: VerifyQueryDto): Promise<VerifyResultDto> {
    const norm = normaliseCredentialNumber(query.credentialNumber);
    const row = await this.certifications.lookup(this.dataSource.manager, query.association, norm);
    if (!row) {
      throw new NotFoundException('The association has no record with this credential number.');
    }
    return row;
  }
}
