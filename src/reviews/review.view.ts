import { authorName } from './author-name';
import { QueuedReviewDto, ReviewDto } from './dto/review.dto';
import { ReviewStatus } from './review.entity';

/** One review as selected by REVIEW_VIEW_SQL. */
export interface ReviewRow {
  id: string;
  therapist_id: string;
  author_id: string;
  rating: number;
  body: string;
  condition_slug: string | null;
  verified_client: boolean;
  status: ReviewStatus;
  status_reason: string | null;
  created_at: Date;
  cursor_at: string;
  author_full_name: string;
  /** The author deleted their account: the review stays, attributed to "Former client". */
  author_deleted: boolean;
  response_body: string | null;
  response_created_at: Date | null;
  open_flags?: { reason: string; createdAt: string }[];
}

export const REVIEW_VIEW_SQL = `
  SELECT r.id, r.therapist_id, r.author_id, r.rating, r.body, r.condition_slug, r.verified_client, r.status, r.status_reason,
         r.created_at, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         u.name AS author_full_name, u.deleted_at IS NOT NULL AS author_deleted, rr.body AS response_body, rr.created_at AS response_created_at
    FROM review r
    JOIN app_user u ON u.id = r.author_id
    LEFT JOIN review_response rr ON rr.review_id = r.id`;

export function toReviewDto(row: ReviewRow): ReviewDto {
  return {
    id: row.id,
    therapistId: row.therapist_id,
    rating: row.rating,
    body: row.body,
    conditionSlug: row.condition_slug,
    authorName: row.author_deleted ? 'Former client' : authorName(row.author_full_name),
    verifiedClient: row.verified_client,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    response:
      row.response_body === null
        ? null
        : { body: row.response_body, createdAt: row.response_created_at!.toISOString() },
  };
}

export function toQueuedReviewDto(row: ReviewRow): QueuedReviewDto {
  const openFlags = (row.open_flags ?? []).map((f) => ({
    reason: f.reason,
    createdAt: new Date(f.createdAt).toISOString(),
  }));
  return { ...toReviewDto(row), authorId: row.author_id, statusReason: row.status_reason, openFlags };
}

export const cursorKey = (row: ReviewRow): string[] => [row.cursor_at, row.id];
