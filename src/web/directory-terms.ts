import { Injectable } from '@nestjs/common';
import { AssociationTerm, ConditionTerm, NamedTerm, WebRepository } from './web.repository';

const MAX_AGE_MS = 60_000;

export interface Terms {
  conditions: ConditionTerm[];
  specialties: NamedTerm[];
  associations: AssociationTerm[];
  conditionName: Map<string, string>;
  specialtyName: Map<string, string>;
  association: Map<string, AssociationTerm>;
}

/**
 * Names for the slugs the search and profiles hand back, and the lists the forms offer; small tables, held for a
 * minute (a new condition shows up in the forms within that time; a new association at once).
 */
@Injectable()
export class DirectoryTerms {
  private terms: Terms | null = null;
  private loadedAt = 0;
  private loading: Promise<Terms> | null = null;

  constructor(private readonly repository: WebRepository) {}

  /**
   * `associationSlugs`: associations (read from the database) the caller is about to name; one missing from the held
   * list forces a reload.
   */
  async get(associationSlugs: string[] = []): Promise<Terms> {
    const terms = this.terms;
    if (terms && Date.now() - this.loadedAt < MAX_AGE_MS && associationSlugs.every((s) => terms.association.has(s))) {
      return terms;
    }
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<Terms> {
    const [conditions, specialties, associations] = await Promise.all([
      this.repository.conditions(),
      this.repository.specialties(),
      this.repository.associations(),
    ]);
    this.terms = {
      conditions,
      specialties,
      associations,
      conditionName: new Map(conditions.map((c) => [c.slug, c.name])),
      specialtyName: new Map(specialties.map((s) => [s.slug, s.name])),
      association: new Map(associations.map((a) => [a.slug, a])),
    };
    this.loadedAt = Date.now();
    return this.terms;
  }
}
