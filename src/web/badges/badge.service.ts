import { Injectable, NotFoundException } from '@nestjs/common';
import { listOf, longDate } from '../views/format';
import { WebRepository } from '../web.repository';

/** The badge's source of truth, public and the same for every site that shows it. */
export interface BadgeView {
  therapistId: string;
  displayName: string;
  /** A certification of this therapist is verified against an association's records today. */
  verified: boolean;
  verifiedBy: { slug: string; name: string; checkedOn: string | null }[];
  /** One sentence for people: who is verified against whose records, and when last checked. */
  summary: string;
  profilePath: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class BadgeService {
  constructor(private readonly repository: WebRepository) {}

  /** Throws NotFoundException for an unknown, unpublished or malformed id. */
  async view(therapistId: string): Promise<BadgeView> {
    const row = UUID.test(therapistId) ? await this.repository.badge(therapistId) : null;
    if (!row) {
      throw new NotFoundException('No published therapist with this id.');
    }
    const verifiedBy = row.verifiedBy.map((v) => ({ slug: v.slug, name: v.name, checkedOn: v.checkedAt }));
    const checked = verifiedBy
      .map((v) => v.checkedOn)
      .filter((d): d is string => d !== null)
      .sort()
      .pop();
    return {
      therapistId: row.id,
      displayName: row.displayName,
      verified: verifiedBy.length > 0,
      verifiedBy,
      summary: verifiedBy.length
        ? `${row.displayName}: verified against ${listOf(verifiedBy.map((v) => v.name))}’s records${checked ? `, last checked ${longDate(checked)}` : ''}.`
        : `${row.displayName}: not verified today.`,
      profilePath: `/therapists/${row.id}`,
    };
  }
}
