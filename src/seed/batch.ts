/** COPY target tables, their columns, and the rows built for one chunk. */
export const TABLES = {
  app_user: ['id', 'email', 'password_hash', 'name', 'role', 'created_at', 'updated_at'],
  therapist_profile: [
    'id', 'user_id', 'first_name', 'middle_name', 'last_name', 'display_name', 'bio', 'practice_name', 'address_line', 'city',
    'region', 'postal_code', 'country', 'lat', 'lng', 'location_source', 'languages', 'session_lengths', 'accepting_new_clients',
    'accepting_new_clients_confirmed_at', 'price_min', 'price_max', 'price_currency', 'contact_phone', 'contact_website',
    'contact_email', 'published', 'version', 'created_at', 'updated_at',
  ],
  therapist_condition: ['therapist_id', 'condition_slug'],
  therapist_specialty: ['therapist_id', 'specialty_slug'],
  roster_record: [
    'id', 'association_id', 'credential_number', 'credential_number_norm', 'first_name', 'middle_name', 'last_name',
    'credential_type', 'status', 'issued_on', 'expires_on', 'city', 'region', 'content_hash',
  ],
  certification: [
    'id', 'therapist_id', 'association_id', 'credential_type', 'credential_number', 'credential_number_norm', 'issued_on',
    'claimed_expires_on', 'expires_on', 'status', 'status_reason', 'roster_record_id', 'verified_at', 'last_checked_at',
    'created_at', 'updated_at',
  ],
  certification_audit: ['certification_id', 'at', 'actor', 'action', 'from_status', 'to_status', 'reason'],
  therapist_rating: ['therapist_id', 'count', 'sum', 'stars'],
} as const;

export type TableName = keyof typeof TABLES;

export type Batch = Record<TableName, string[]>;

export function emptyBatch(): Batch {
  return Object.fromEntries(Object.keys(TABLES).map((t) => [t, []])) as unknown as Batch;
}
