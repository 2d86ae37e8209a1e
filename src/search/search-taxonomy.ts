import { Injectable } from '@nestjs/common';
import { SearchRepository } from './search.repository';

const MAX_AGE_MS = 60_000;
const MISS_RELOAD_MS = 2_000;

/**
 * Condition and specialty ids by slug, held in memory so the hot query needs no lookup of its own.
 * Reloaded every minute, and at once (at most every two seconds) when a slug is not found: a new or renamed
 * slug is seen within two seconds; ids never change, so a result is never wrong meanwhile.
 */
@Injectable()
export class SearchTaxonomy {
  private conditions = new Map<string, number>();
  private specialties = new Map<string, number>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly repository: SearchRepository) {}

  async conditionId(slug: string): Promise<number | undefined> {
    return this.lookup(slug, () => this.conditions);
  }

  async specialtyId(slug: string): Promise<number | undefined> {
    return this.lookup(slug, () => this.specialties);
  }

  private async lookup(slug: string, map: () => Map<string, number>): Promise<number | undefined> {
    const age = Date.now() - this.loadedAt;
    if (age > MAX_AGE_MS) {
      await this.reload();
    }
    const id = map().get(slug);
    if (id === undefined && Date.now() - this.loadedAt > MISS_RELOAD_MS) {
      await this.reload();
      return map().get(slug);
    }
    return id;
  }

  private reload(): Promise<void> {
    this.loading ??= this.repository
      .taxonomy()
      .then((rows) => {
        this.conditions = new Map(rows.filter((r) => r.kind === 'condition').map((r) => [r.slug, Number(r.id)]));
        this.specialties = new Map(rows.filter((r) => r.kind === 'specialty').map((r) => [r.slug, Number(r.id)]));
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
