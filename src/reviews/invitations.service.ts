import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { ProblemException } from '../common/problem';
import { InvitationDto } from './dto/review.dto';
import { hashInvitationCode, newInvitationCode } from './invitation-code';
import { ReviewInvitation } from './review-invitation.entity';
import { ReviewsRepository } from './reviews.repository';

const VALID_DAYS = 30;

@Injectable()
export class InvitationsService {
  constructor(
    @InjectRepository(ReviewInvitation) private readonly invitations: Repository<ReviewInvitation>,
    private readonly reviews: ReviewsRepository,
  ) {}

  async create(user: AuthUser): Promise<InvitationDto> {
    const therapistId = await this.reviews.profileIdOf(user.id);
    if (!therapistId) {
      throw new NotFoundException('Create your therapist profile before inviting reviews.');
    }
    const code = newInvitationCode();
    const expiresAt = new Date(Date.now() + VALID_DAYS * 24 * 3600 * 1000);
    await this.invitations.insert({ therapistId, codeHash: hashInvitationCode(code), expiresAt });
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /** Spends the code inside the caller's transaction, or explains why it cannot be used (422, never a silent downgrade). */
  async consume(manager: EntityManager, therapistId: string, code: string): Promise<string> {
    const codeHash = hashInvitationCode(code);
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE review_invitation SET used_at = now()
        WHERE code_hash = $1 AND therapist_id = $2 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [codeHash, therapistId],
    );
    if (rows.length) {
      return rows[0].id;
    }
    const [found] = await manager.query<{ therapist_id: string; used: boolean; expired: boolean }[]>(
      'SELECT therapist_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM review_invitation WHERE code_hash = $1',
      [codeHash],
    );
    throw refusal(
      !found
        ? 'is not valid'
        : found.therapist_id !== therapistId
          ? 'was issued by another therapist'
          : found.used
            ? 'has already been used'
            : 'has expired',
    );
  }
}

function refusal(why: string): ProblemException {
  return new ProblemException(
    422,
    `The invitation code ${why}; the review was not posted. Post it without a code, or ask the therapist for a new one.`,
    [{ field: 'invitationCode', message: `invitation code ${why}` }],
  );
}
