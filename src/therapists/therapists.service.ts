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
import { CONDITIONS, Link, SPECIALTIES, TherapistsRepository } from './therapists.repository';

/** The legal name: credentials are checked against it, so a change re-checks them all. */
const LEGAL_NAME = ['firstName', 'middleName', 'lastName'] as const;

@Injectable()
export class TherapistsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: ProfileRules,
    private readonly views: ProfileViews,
    private readonly checks: CertificationChecker,
    private readonly profiles: TherapistsRepository,
  ) {}

  async create(user: AuthUser, dto: CreateTherapistDto): Promise<TherapistOwnDto> {
    return this.db.transaction(async (m) => {
      if (await this.profiles.hasProfile(m, user.id)) {
        throw new ConflictException('You already have a therapist profile; change it with PATCH /therapists/me.');
      }
      await this.rules.assertKnownSlugs(m, dto.specialtySlugs, dto.conditionSlugs);
      const location = await this.rules.locate(dto.practice.country, dto.practice.postalCode, dto.location);
      const id = await this.profiles.insert(m, { ...fieldsOf(dto), ...location, userId: user.id });
      await this.profiles.link(m, id, SPECIALTIES, dto.specialtySlugs ?? []);
      await this.profiles.link(m, id, CONDITIONS, dto.conditionSlugs ?? []);
      return this.views.ownView(await this.profiles.byId(m, id), m);
    });
  }

  async own(user: AuthUser): Promise<TherapistOwnDto> {
    const profile = await this.profiles.ofUser(user.id);
    if (!profile) {
      throw new NotFoundException('You have no therapist profile yet; create it with POST /therapists.');
    }
    return this.views.ownView(profile);
  }

  async published(id: string): Promise<TherapistPublicDto> {
    const profile = await this.profiles.published(id);
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
        await this.checks.lockNumbersOf(m, await this.profiles.claimIds(m, user.id));
      }
      const current = await this.profiles.lockOfUser(m, user.id);
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
        await this.profiles.save(m, next);
      }
      if (renaming && LEGAL_NAME.some((field) => (next[field] ?? null) !== (current[field] ?? null))) {
        await this.checks.recheckTherapist(m, current.id, user.id, {
          reason: 'The legal name on the profile changed; its credentials were checked again against the records.',
          forgetDecisions: true,
          auditEveryCheck: true,
        });
      }
      return this.views.ownView(await this.profiles.byId(m, current.id), m);
    });
  }

  /** Replaces the links when the list differs; true when it did. */
  private async relink(m: EntityManager, id: string, link: Link, slugs: string[] | undefined): Promise<boolean> {
    if (slugs === undefined) {
      return false;
    }
    if (sameSet(await this.profiles.linked(m, id, link), slugs)) {
      return false;
    }
    await this.profiles.replaceLinks(m, id, link, slugs);
    return true;
  }
}
