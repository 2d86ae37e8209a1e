import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor } from '../common/pagination';
import { REVIEW_VIEW_SQL, ReviewRow } from './review.view';

export interface TherapistTarget {
  id: string;
  userId: string;
  published: boolean;
}

export interface Keyset {
  at: string;
  id: string;
}

/** Reads a review cursor (created_at to the microsecond, id); anything else is the client's 400. */
export function reviewKeyset(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) {
    return null;
  }
  const [at, id] = decodeCursor(cursor, ['timestamp', 'uuid']) as string[];
  return { at, id };
}

@Injectable()
export class ReviewsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async therapist(id: string): Promise<TherapistTarget | null> {
    const [row] = await this.db.query<{ id: string; user_id: string; published: boolean }[]>(
      'SELECT id, user_id, published FROM therapist_profile WHERE id = $1',
      [id],
    );
    return row ? { id: row.id, userId: row.user_id, published: row.published } : null;
  }

  async profileIdOf(userId: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>('SELECT id FROM therapist_profile WHERE user_id = $1', [
      userId,
    ]);
    return row?.id ?? null;
  }

  async conditionExists(slug: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>('SELECT 1 FROM condition WHERE slug = $1', [slug]);
    return rows.length > 0;
  }

  async conditionTerms(): Promise<string[]> {
    const rows = await this.db.query<{ term: string }[]>(
      'SELECT name AS term FROM condition UNION SELECT unnest(synonyms) FROM condition',
    );
    return rows.map((r) => r.term);
  }

  async author(userId: string): Promise<{ name: string; createdAt: Date; emailVerified: boolean }> {
    const [row] = await this.db.query<{ name: string; created_at: Date; email_verified: boolean }[]>(
      'SELECT name, created_at, email_verified_at IS NOT NULL AS email_verified FROM app_user WHERE id = $1',
      [userId],
    );
    return { name: row.name, createdAt: row.created_at, emailVerified: row.email_verified };
  }

  /** Profiles other than this one that already carry a review with the same normalised text. */
  async otherProfilesWithText(manager: EntityManager, fingerprint: string, therapistId: string): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      'SELECT count(DISTINCT therapist_id)::int AS n FROM review WHERE body_fingerprint = $1 AND therapist_id <> $2',
      [fingerprint, therapistId],
    );
    return row.n;
  }

  async view(id: string, manager: EntityManager = this.db.manager): Promise<ReviewRow | null> {
    const [row] = await manager.query<ReviewRow[]>(`${REVIEW_VIEW_SQL} WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  /** Published reviews newest first, plus the viewer's own pending one; keyset on (created_at, id). */
  async page(therapistId: string, viewerId: string | null, limit: number, after: Keyset | null): Promise<ReviewRow[]> {
    const params: unknown[] = [therapistId, limit + 1];
    const visible = viewerId
      ? `(r.status = 'published' OR (r.status = 'pending' AND r.author_id = $${params.push(viewerId)}))`
      : `r.status = 'published'`;
    const keyset = after
      ? `AND (r.created_at, r.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::uuid)`
      : '';
    return this.db.query<ReviewRow[]>(
      `${REVIEW_VIEW_SQL} WHERE r.therapist_id = $1 AND ${visible} ${keyset} ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
      params,
    );
  }

  /** Pending reviews and published ones with open flags, oldest first. */
  async queue(limit: number, after: Keyset | null): Promise<ReviewRow[]> {
    const params: unknown[] = [limit + 1];
    const keyset = after
      ? `AND (r.created_at, r.id) > ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::uuid)`
      : '';
    const sql = REVIEW_VIEW_SQL.replace(
      'FROM review r',
      `, COALESCE((SELECT json_agg(json_build_object('reason', f.reason, 'createdAt', f.created_at) ORDER BY f.created_at)
                     FROM review_flag f WHERE f.review_id = r.id AND f.resolved_at IS NULL), '[]') AS open_flags
         FROM review r`,
    );
    return this.db.query<ReviewRow[]>(
      `${sql} WHERE r.id IN (SELECT id FROM review WHERE status = 'pending'
                             UNION SELECT review_id FROM review_flag WHERE resolved_at IS NULL)
          AND r.status IN ('pending', 'published') ${keyset}
       ORDER BY r.created_at, r.id LIMIT $1`,
      params,
    );
  }

  async resolveFlags(manager: EntityManager, reviewId: string): Promise<void> {
    await manager.query('UPDATE review_flag SET resolved_at = now() WHERE review_id = $1 AND resolved_at IS NULL', [
      reviewId,
    ]);
  }
}
