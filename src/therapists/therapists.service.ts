import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { CertificationChecker } from '../verification/check/checker.service';
import { CreateTherapistDto } from './dto/create-therapist.dto';
import { TherapistOwnDto, TherapistPublicDto } from './dto/therapist-view.dto';
import { UpdateTherapistDto } from './dto/update-therapist.dto';
import { differs, fieldsOf, patched, sameSet } from './profile-patch';
import { ProfileRules } from './profile-rules';
import { ProfileViews } from './profile-views';
import { TherapistProfile } from './therapist-profile.entity';

type Link =
  | { table: 'therapist_specialty'; column: 'specialty_slug' }
  | { table: 'therapist_condition'; column: 'condition_slug' };
/** The legal name: credentials are checked against it, so a change re-checks them all. */
const LEGAL_NAME = ['firstName', 'middleName', 'lastName'] as const;
const SPECIALTIES: Link = { table: 'therapist_specialty', column: 'specialty_slug' };
const CONDITIONS: Link = { table: 'therapist_condition', column: 'condition_slug' };

@Injectable()
export class TherapistsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: ProfileRules,
    private readonly views: ProfileViews,
    private readonly checks: CertificationChecker,
  ) {}

  async create(user: AuthUser, dto: CreateTherapistDto): Promise<TherapistOwnDto> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(TherapistProfile);
      if (await repo.existsBy({ userId: user.id })) {
        throw new ConflictException('You already have a therapist profile; change it with PATCH /therapists/me.');
      }
      await this.rules.assertKnownSlugs(m, dto.specialtySlugs, dto.conditionSlugs);
      const location = await this.rules.locate(dto.practice.country, dto.practice.postalCode, dto.location);
      const { identifiers } = await repo.insert({ ...fieldsOf(dto), ...location, userId: user.id });
      const id = identifiers[0].id as string;
      await this.link(m, id, SPECIALTIES, dto.specialtySlugs ?? []);
      await this.link(m, id, CONDITIONS, dto.conditionSlugs ?? []);
      return this.views.ownView(await repo.findOneByOrFail({ id }), m);
    });
  }

  async own(user: AuthUser): Promise<TherapistOwnDto> {
    const profile = await this.db.getRepository(TherapistProfile).findOneBy({ userId: user.id });
    if (!profile) {
      throw new NotFoundException('You have no therapist profile yet; create it with POST /therapists.');
    }
    return this.views.ownView(profile);
  }

  async published(id: string): Promise<TherapistPublicDto> {
    const profile = await this.db.getRepository(TherapistProfile).findOneBy({ id, published: true });
    if (!profile) {
      throw new NotFoundException(`No published therapist profile ${id}.`);
    }
    return this.views.publicView(profile);
  }

  async update(user: AuthUser, dto: UpdateTherapistDto): Promise<TherapistOwnDto> {
    return this.db.transaction(async (m) => {
      const renaming = LEGAL_NAME.some((field) => dto[field] !== undefined);
      if (renaming) {
        // The credentials' locks before the profile's: the order every verification path takes them in.
        await this.checks.lockNumbersOf(m, await this.claims(m, user));
      }
      const repo = m.getRepository(TherapistProfile);
      const current = await repo.findOne({ where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!current) {
        throw new NotFoundException('You have no therapist profile yet; create it with POST /therapists.');
      }
      if (current.version !== dto.version) {
        throw new ConflictException(
          `The profile has changed since version ${dto.version} (now ${current.version}); reload it and try again.`,
        );
      }
      await this.rules.assertKnownSlugs(m, dto.specialtySlugs, dto.conditionSlugs);
      const next = patched(current, dto);
      const moved = next.postalCode !== current.postalCode || next.country !== current.country;
      if (dto.location || dto.location === null || (moved && current.locationSource === 'postal_code')) {
        Object.assign(next, await this.rules.locate(next.country, next.postalCode, dto.location));
      }
      const specialtiesChanged = await this.relink(m, current.id, SPECIALTIES, dto.specialtySlugs);
      const conditionsChanged = await this.relink(m, current.id, CONDITIONS, dto.conditionSlugs);
      if (specialtiesChanged || conditionsChanged || differs(current, next) || dto.acceptingNewClients !== undefined) {
        next.version = current.version + 1;
        next.acceptingNewClientsConfirmedAt =
          dto.acceptingNewClients === undefined ? current.acceptingNewClientsConfirmedAt : new Date();
        next.updatedAt = new Date();
        await repo.save(next);
      }
      if (renaming && LEGAL_NAME.some((field) => (next[field] ?? null) !== (current[field] ?? null))) {
        await this.checks.recheckTherapist(m, current.id, user.id, {
          reason: 'The legal name on the profile changed; its credentials were checked again against the records.',
          forgetDecisions: true,
          auditEveryCheck: true,
        });
      }
      return this.views.ownView(await repo.findOneByOrFail({ id: current.id }), m);
    });
  }

  private async claims(m: EntityManager, user: AuthUser): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT c.id FROM certification c JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE p.user_id = $1 AND c.withdrawn_at IS NULL`,
      [user.id],
    );
    return rows.map((r) => r.id);
  }

  private async link(m: EntityManager, id: string, link: Link, slugs: string[]): Promise<void> {
    if (slugs.length) {
      await m.query(`INSERT INTO ${link.table} (therapist_id, ${link.column}) SELECT $1, unnest($2::text[])`, [
        id,
        slugs,
      ]);
    }
  }

  /** Replaces the links when the list differs; true when it did. */
  private async relink(m: EntityManager, id: string, link: Link, slugs: string[] | undefined): Promise<boolean> {
    if (slugs === undefined) {
      return false;
    }
    const rows = await m.query<{ slug: string }[]>(
      `SELECT ${link.column} AS slug FROM ${link.table} WHERE therapist_id = $1`,
      [id],
    );
    if (
      sameSet(
        rows.map((r) => r.slug),
        slugs,
      )
    ) {
      return false;
    }
    await m.query(`DELETE FROM ${link.table} WHERE therapist_id = $1`, [id]);
    await this.link(m, id, link, slugs);
    return true;
  }
}
