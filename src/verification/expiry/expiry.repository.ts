import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class ExpiryRepository {
  /** Moves every live certification past its expiry to `expired` (rows another transaction holds wait for the next run). */
  async expirePassed(m: EntityManager): Promise<number> {
    const [rows] = await m.query<[{ id: string }[], number]>(
      `UPDATE certification c SET status = 'expired', updated_at = now(), version = c.version + 1,
         status_reason = 'The credential expired on ' || to_char(c.expires_on, 'YYYY-MM-DD') || '.'
       WHERE c.id IN (SELECT id FROM certification WHERE withdrawn_at IS NULL AND expires_on < current_date
                        AND status IN ('verified', 'needs_review', 'unmatched') FOR UPDATE SKIP LOCKED)
       RETURNING c.id`,
    );
    return rows.length;
  }

  /** One notice per certification, kind and expiry date: the dedupe key makes a rerun a no-op. */
  async queueReminders(m: EntityManager): Promise<number> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO notice_outbox (kind, dedupe_key, recipient_user_id, payload)
       SELECT k.kind, k.kind || ':' || c.id || ':' || to_char(c.expires_on, 'YYYY-MM-DD'), p.user_id,
         json_build_object('certificationId', c.id, 'associationSlug', a.slug, 'credentialType', c.credential_type,
           'credentialNumber', c.credential_number, 'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD'),
           'daysLeft', c.expires_on - current_date)
       FROM certification c
       JOIN therapist_profile p ON p.id = c.therapist_id
       JOIN association a ON a.id = c.association_id
       CROSS JOIN LATERAL (SELECT CASE WHEN c.expires_on - current_date <= 30 THEN 'expiry-30' ELSE 'expiry-60' END AS kind) k
       WHERE c.withdrawn_at IS NULL AND c.expires_on BETWEEN current_date AND current_date + 60
         AND certification_effective_status(c.status, c.expires_on) = 'verified'
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
    );
    return rows.length;
  }
}
