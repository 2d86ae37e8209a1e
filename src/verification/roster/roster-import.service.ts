import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CertificationChecker } from '../check/checker.service';
import { lockRoster } from '../status-change';
import { Association } from '../../associations/association.entity';
import { ImportResultDto } from '../dto/roster.dto';
import { isRejected, RejectedRow, RosterRow, validateRosterRow } from './roster-row';
import { SourceEntry } from './roster-source';
import { RosterStage } from './roster-stage.repository';

const STAGE_BATCH = 5000;

export interface ImportOutcome extends ImportResultDto {
  recheckedCertifications: number;
}

/**
 * Imports a roster in one transaction: rows stream into a temporary staging table in batches (memory stays flat),
 * a number given on several rows is refused (all of them reported), the numbers' lock slots are taken before any
 * record changes, one upsert writes only rows whose content hash changed, and every live certification of a changed
 * row is checked again before commit.
 * A file that cannot be read at all (bad header, unbalanced quotes, binary, too large) changes nothing.
 */
@Injectable()
export class RosterImportService {
  private readonly logger = new Logger(RosterImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: CertificationChecker,
  ) {}

  async import(
    association: Association,
    source: AsyncIterable<SourceEntry[]> | Iterable<SourceEntry[]>,
  ): Promise<ImportOutcome> {
    const outcome = await this.dataSource.transaction((m) => this.run(m, association, source));
    this.logger.log(
      `Roster ${association.slug}: ${outcome.inserted} inserted, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ` +
        `${outcome.rejected.length} rejected, ${outcome.recheckedCertifications} certification(s) rechecked`,
    );
    return outcome;
  }

  private async run(
    m: EntityManager,
    association: Association,
    source: AsyncIterable<SourceEntry[]> | Iterable<SourceEntry[]>,
  ): Promise<ImportOutcome> {
    // A roster of a hundred thousand rows is upserted in statements longer than a request's statement timeout, and the
    // transaction waits on the upload between batches: the import is bounded by its body size and the request timeout.
    await m.query(
      `SELECT set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)`,
    );
    await lockRoster(m, association.id);
    const stage = new RosterStage(m);
    await stage.create();
    const rejected: RejectedRow[] = [];
    let batch: RosterRow[] = [];
    for await (const entries of source) {
      for (const entry of entries) {
        const row = entry.values
          ? validateRosterRow(entry.values, entry.line)
          : { line: entry.line, reason: entry.reason ?? 'unreadable' };
        if (isRejected(row)) {
          rejected.push(row);
        } else {
          batch.push(row);
        }
      }
      if (batch.length >= STAGE_BATCH) {
        await stage.add(batch);
        batch = [];
      }
    }
    await stage.add(batch);
    rejected.push(...(await stage.refuseDuplicates()));
    await stage.lockNumbers(association.id);
    const counts = await stage.upsert(association.id);
    const recheckedCertifications = await this.checks.recheckNumbers(
      m,
      association.id,
      await stage.changedClaimedNumbers(association.id),
    );
    rejected.sort((a, b) => a.line - b.line);
    return { ...counts, rejected, recheckedCertifications };
  }
}
