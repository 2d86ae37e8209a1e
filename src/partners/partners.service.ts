import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CreatePartnerDto, PartnerKeyDto, PartnerUsageDto, UsageQueryDto } from './dto/partner.dto';
import { Partner } from './partner.entity';
import { PartnerDirectory } from './partner-directory';
import { issuePartnerKey } from './partner-keys';
import { PartnerUsageCounter } from './partner-usage.counter';

@Injectable()
export class PartnersService {
  private readonly logger = new Logger(PartnersService.name);

  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    private readonly directory: PartnerDirectory,
    private readonly usage: PartnerUsageCounter,
  ) {}

  async create(dto: CreatePartnerDto): Promise<PartnerKeyDto> {
    const key = issuePartnerKey();
    const allowedOrigins = [...new Set(dto.allowedOrigins)];
    const { identifiers } = await this.partners.insert({
      name: dto.name,
      allowedOrigins,
      keyHash: key.keyHash,
      keyPrefix: key.keyPrefix,
    });
    this.directory.invalidate();
    const id = identifiers[0].id as string;
    this.logger.log(`Partner ${id} created with key ${key.keyPrefix}…`);
    return { id, apiKey: key.apiKey };
  }

  /** Replaces the partner's key (the previous one stops working at once). */
  async issueKey(id: string): Promise<PartnerKeyDto> {
    await this.find(id);
    const key = issuePartnerKey();
    await this.partners.update({ id }, { keyHash: key.keyHash, keyPrefix: key.keyPrefix, keyRevokedAt: null });
    this.directory.invalidate();
    this.logger.log(`Partner ${id} issued key ${key.keyPrefix}…`);
    return { id, apiKey: key.apiKey };
  }

  async revokeKey(id: string): Promise<void> {
    const partner = await this.find(id);
    if (partner.keyHash && !partner.keyRevokedAt) {
      await this.partners.update({ id }, { keyRevokedAt: new Date() });
      this.logger.log(`Partner ${id} key ${partner.keyPrefix}… revoked`);
    }
    this.directory.invalidate();
  }

  async usageOf(id: string, query: UsageQueryDto): Promise<PartnerUsageDto> {
    await this.find(id);
    await this.usage.flush();
    const rows = await this.partners.query<{ day: string; requests: string }[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, requests FROM partner_usage
        WHERE partner_id = $1 AND day > current_date - $2::int ORDER BY day DESC`,
      [id, query.days],
    );
    return { items: rows.map((r) => ({ day: r.day, requests: Number(r.requests) })), nextCursor: null };
  }

  private async find(id: string): Promise<Partner> {
    const partner = await this.partners.findOneBy({ id });
    if (!partner) {
      throw new NotFoundException(`Partner ${id} not found.`);
    }
    return partner;
  }
}
