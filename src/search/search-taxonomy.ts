import { Injectable } from '@nestjs/common';
import { SearchRepository } from './search.repository';

const MAX_AGE_MS = 60_000;

/**
 * Condition and specialty ids by slug, held in memory so the hot query needs no lookup of its own. The map is
 * reloaded every minute; a slug it does not hold is looked up in the database, so a new slug is found at once.
 * Ids never change, so an entry a minute old still finds the right therapists.
 */
@Injectable()
export class SearchTaxonomy {
  private conditions = new Map<string, number>();
  private specialties = new Map<string, number>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly repository: SearchRepository) {}

  /** The condition for a slug, or for free text resolved through names and synonyms; null when nothing matches. */
  async condition(input: string): Promise<{ id: number; slug: string } | null> {
    await this.fresh();
    const id = this.conditions.get(input);
    return id !== undefined ? { id, slug: input } : this.repository.resolveCondition(input);
  }

  async specialtyId(slug: string): Promise<number | null> {
    await this.fresh();
    return this.specialties.get(slug) ?? this.repository.specialtyId(slug);
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt > MAX_AGE_MS) {
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
      await this.loading;
    }
  }
}
