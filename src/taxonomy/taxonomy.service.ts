import { NotFoundException } from '@nestjs/common';
import { Repository } from 'typeorm';
import { conflictWhen } from '../common/database-errors';

interface Term {
  slug: string;
  name: string;
}

/** The taxonomy's one list logic, for conditions and specialties alike: ordered by name, slug fixed once given. */
export class TaxonomyService<E extends Term, D> {
  constructor(
    private readonly terms: Repository<E>,
    private readonly kind: string,
    private readonly toDto: (entity: E) => D,
  ) {}

  async list(): Promise<{ items: D[]; nextCursor: null }> {
    const rows = await this.terms.find({ order: { name: 'ASC', slug: 'ASC' } as never });
    return { items: rows.map(this.toDto), nextCursor: null };
  }

  async create(fields: Partial<E> & Term): Promise<D> {
    const entity = this.terms.create(fields as E);
    await conflictWhen(() => this.terms.insert(entity as never), {
      unique: `The ${this.kind} slug "${fields.slug}" is already taken.`,
    });
    return this.toDto(entity);
  }

  async update(slug: string, fields: Partial<E>): Promise<D> {
    const term = await this.find(slug);
    return this.toDto(await this.terms.save(this.terms.merge(term, fields as never)));
  }

  async remove(slug: string): Promise<void> {
    await this.find(slug);
    await conflictWhen(() => this.terms.delete({ slug } as never), {
      referenced: `The ${this.kind} "${slug}" is in use by therapist profiles or reviews and cannot be removed.`,
    });
  }

  private async find(slug: string): Promise<E> {
    const term = await this.terms.findOneBy({ slug } as never);
    if (!term) {
      throw new NotFoundException(`No ${this.kind} "${slug}".`);
    }
    return term;
  }
}
