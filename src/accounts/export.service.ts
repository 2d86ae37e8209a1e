import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/decorators';
import { ReviewRow, REVIEW_VIEW_SQL, toReviewDto } from '../reviews/review.view';
import { TherapistsService } from '../therapists/therapists.service';
import { AccountExportDto, ExportAccountDto, ExportCertificationDto } from './dto/export.dto';

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** Everything the service holds about the caller, in one JSON document, with no secret (no hash, no token). */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly therapists: TherapistsService,
  ) {}

  async export(caller: AuthUser): Promise<AccountExportDto> {
    const account = await this.account(caller.id);
    return {
      exportedAt: new Date().toISOString(),
      account,
      therapistProfile: await this.therapists.own(caller).catch((error: unknown) => {
        if (error instanceof NotFoundException) {
          return null;
        }
        throw error;
      }),
      certifications: await this.certifications(caller.id),
      reviewsWritten: (
        await this.db.query<ReviewRow[]>(`${REVIEW_VIEW_SQL} WHERE r.author_id = $1 ORDER BY r.created_at, r.id`, [
          caller.id,
        ])
      ).map(toReviewDto),
      reviewInvitations: await this.rows(
        `SELECT i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.used_at AS "usedAt"
         FROM review_invitation i JOIN therapist_profile p ON p.id = i.therapist_id WHERE p.user_id = $1 ORDER BY i.created_at`,
        caller.id,
      ),
      flagsRaised: await this.rows(
        `SELECT review_id AS "reviewId", reason, created_at AS "createdAt", resolved_at AS "resolvedAt"
         FROM review_flag WHERE user_id = $1 ORDER BY created_at`,
        caller.id,
      ),
      sessions: await this.rows(
        `SELECT family_id AS "sessionId", min(created_at) AS "createdAt", max(expires_at) AS "expiresAt",
                max(used_at) AS "usedAt", max(revoked_at) AS "revokedAt"
         FROM refresh_token WHERE user_id = $1 GROUP BY family_id ORDER BY min(created_at)`,
        caller.id,
      ),
      mail: await this.rows(
        `SELECT kind, status, created_at AS "createdAt", delivered_at AS "deliveredAt"
         FROM notice_outbox WHERE recipient_user_id = $1 ORDER BY id`,
        caller.id,
      ),
      mailedLinks: await this.rows(
        `SELECT purpose, created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt"
         FROM account_token WHERE user_id = $1 ORDER BY created_at`,
        caller.id,
      ),
      passwordResetRequests: await this.rows(
        'SELECT requested_at AS at FROM password_reset_request WHERE email = $1 ORDER BY id',
        account.email,
      ),
      failedSignIns: await this.rows('SELECT at FROM login_failure WHERE email = $1 ORDER BY id', account.email),
    };
  }

  private async account(id: string): Promise<ExportAccountDto> {
    const [row] = await this.db.query<(Omit<ExportAccountDto, 'emailVerified'> & { emailVerifiedAt: Date | null })[]>(
      `SELECT u.id, u.email::text, u.name, u.role, a.slug AS "associationSlug", u.email_verified_at AS "emailVerifiedAt",
              u.created_at AS "createdAt", u.updated_at AS "updatedAt"
       FROM app_user u LEFT JOIN association a ON a.id = u.association_id WHERE u.id = $1`,
      [id],
    );
    return { ...this.dated(row), emailVerified: row.emailVerifiedAt !== null } as ExportAccountDto;
  }

  private async certifications(userId: string): Promise<ExportCertificationDto[]> {
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT c.id, a.slug AS "associationSlug", c.credential_type AS "credentialType",
              c.credential_number AS "credentialNumber", to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn",
              to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn", to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS "claimedExpiresOn",
              certification_effective_status(c.status, c.expires_on) AS status, c.status_reason AS "statusReason",
              c.verified_at AS "verifiedAt", c.withdrawn_at AS "withdrawnAt", c.created_at AS "createdAt",
              coalesce((SELECT json_agg(json_build_object('at', au.at, 'actor', au.actor, 'action', au.action,
                          'fromStatus', au.from_status, 'toStatus', au.to_status, 'reason', au.reason) ORDER BY au.id)
                        FROM certification_audit au WHERE au.certification_id = c.id), '[]') AS audit
       FROM certification c JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id
       WHERE p.user_id = $1 ORDER BY c.created_at, c.id`,
      [userId],
    );
    return rows.map((row) => {
      const audit = (row.audit as { at: string }[]).map((entry) => ({
        ...entry,
        at: new Date(entry.at).toISOString(),
      }));
      return { ...this.dated(row), audit } as ExportCertificationDto;
    });
  }

  private async rows<T>(sql: string, param: string): Promise<T[]> {
    const rows = await this.db.query<Record<string, unknown>[]>(sql, [param]);
    return rows.map((row) => this.dated(row) as T);
  }

  /** Dates as ISO 8601 UTC strings, as everywhere in the API. */
  private dated(row: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? iso(v) : v]));
  }
}
