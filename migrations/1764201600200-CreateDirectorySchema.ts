import { MigrationInterface, QueryRunner } from 'typeorm';

/** The core tables of the directory: taxonomy, geodata, profiles, associations and their rosters, certifications. */
export class CreateDirectorySchema1764201600200 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE condition (
        slug text PRIMARY KEY CONSTRAINT chk_condition_slug CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        id smallint GENERATED ALWAYS AS IDENTITY CONSTRAINT uq_condition_id UNIQUE,
        name text NOT NULL,
        icd10 text[] NOT NULL DEFAULT '{}',
        synonyms text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE specialty (
        slug text PRIMARY KEY CONSTRAINT chk_specialty_slug CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        id smallint GENERATED ALWAYS AS IDENTITY CONSTRAINT uq_specialty_id UNIQUE,
        name text NOT NULL,
        description text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE postal_code (
        country char(2) NOT NULL,
        code text NOT NULL,
        lat double precision NOT NULL CONSTRAINT chk_postal_code_lat CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CONSTRAINT chk_postal_code_lng CHECK (lng BETWEEN -180 AND 180),
        city text,
        region text,
        PRIMARY KEY (country, code)
      )`);
    await q.query(`
      CREATE TABLE therapist_profile (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT uq_therapist_profile_user UNIQUE REFERENCES app_user(id) ON DELETE CASCADE,
        first_name text NOT NULL,
        middle_name text,
        last_name text NOT NULL,
        display_name text NOT NULL,
        bio text NOT NULL DEFAULT '',
        practice_name text,
        address_line text,
        city text NOT NULL,
        region text NOT NULL,
        postal_code text NOT NULL,
        country char(2) NOT NULL,
        lat double precision NOT NULL CONSTRAINT chk_therapist_profile_lat CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CONSTRAINT chk_therapist_profile_lng CHECK (lng BETWEEN -180 AND 180),
        location_source text NOT NULL CONSTRAINT chk_therapist_profile_location_source CHECK (location_source IN ('explicit', 'postal_code')),
        languages text[] NOT NULL DEFAULT '{}',
        session_lengths integer[] NOT NULL DEFAULT '{}',
        accepting_new_clients boolean NOT NULL DEFAULT true,
        accepting_new_clients_confirmed_at timestamptz NOT NULL DEFAULT now(),
        price_min integer,
        price_max integer,
        price_currency char(3),
        contact_phone text,
        contact_website text,
        contact_email text,
        published boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_therapist_profile_price CHECK (price_min IS NULL OR price_max IS NULL OR price_min <= price_max)
      )`);
    await q.query(`
      CREATE TABLE therapist_condition (
        therapist_id uuid NOT NULL REFERENCES therapist_profile(id) ON DELETE CASCADE,
        condition_slug text NOT NULL REFERENCES condition(slug) ON UPDATE CASCADE ON DELETE RESTRICT,
        PRIMARY KEY (therapist_id, condition_slug)
      )`);
    await q.query('CREATE INDEX ix_therapist_condition_slug ON therapist_condition (condition_slug)');
    await q.query(`
      CREATE TABLE therapist_specialty (
        therapist_id uuid NOT NULL REFERENCES therapist_profile(id) ON DELETE CASCADE,
        specialty_slug text NOT NULL REFERENCES specialty(slug) ON UPDATE CASCADE ON DELETE RESTRICT,
        PRIMARY KEY (therapist_id, specialty_slug)
      )`);
    await q.query('CREATE INDEX ix_therapist_specialty_slug ON therapist_specialty (specialty_slug)');
    await q.query(`
      CREATE TABLE association (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT uq_association_slug UNIQUE CONSTRAINT chk_association_slug CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        website text,
        credential_types text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT fk_app_user_association FOREIGN KEY (association_id) REFERENCES association(id)`,
    );
    await q.query(`
      CREATE TABLE roster_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        association_id uuid NOT NULL REFERENCES association(id),
        credential_number text NOT NULL,
        credential_number_norm text NOT NULL,
        first_name text NOT NULL,
        middle_name text,
        last_name text NOT NULL,
        credential_type text NOT NULL,
        status text NOT NULL CONSTRAINT chk_roster_record_status CHECK (status IN ('active', 'expired', 'suspended', 'revoked')),
        issued_on date NOT NULL,
        expires_on date,
        city text,
        region text,
        content_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_roster_record_number UNIQUE (association_id, credential_number_norm)
      )`);
    await q.query(`
      CREATE TABLE certification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        therapist_id uuid NOT NULL REFERENCES therapist_profile(id) ON DELETE CASCADE,
        association_id uuid NOT NULL REFERENCES association(id),
        credential_type text NOT NULL,
        credential_number text NOT NULL,
        credential_number_norm text NOT NULL,
        issued_on date,
        claimed_expires_on date,
        expires_on date,
        status text NOT NULL CONSTRAINT chk_certification_status
          CHECK (status IN ('verified', 'needs_review', 'unmatched', 'rejected', 'expired')),
        status_reason text NOT NULL,
        roster_record_id uuid REFERENCES roster_record(id),
        verified_at timestamptz,
        last_checked_at timestamptz,
        withdrawn_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_certification_claim ON certification (therapist_id, association_id, credential_number_norm)
      WHERE withdrawn_at IS NULL`);
    await q.query('CREATE INDEX ix_certification_number ON certification (association_id, credential_number_norm)');
    await q.query('CREATE INDEX ix_certification_therapist ON certification (therapist_id)');
    await q.query(`
      CREATE TABLE certification_audit (
        id bigserial PRIMARY KEY,
        certification_id uuid NOT NULL REFERENCES certification(id) ON DELETE RESTRICT,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text,
        reason text NOT NULL
      )`);
    await q.query('CREATE INDEX ix_certification_audit_certification ON certification_audit (certification_id, id)');
    await q.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit trails are append-only (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    await q.query(`CREATE TRIGGER trg_certification_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON certification_audit
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TABLE notice_outbox (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        dedupe_key text NOT NULL CONSTRAINT uq_notice_outbox_dedupe UNIQUE,
        recipient_user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query('CREATE INDEX ix_notice_outbox_pending ON notice_outbox (id) WHERE delivered_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notice_outbox', 'certification_audit', 'certification', 'roster_record']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP FUNCTION refuse_audit_change()');
    await q.query('ALTER TABLE app_user DROP CONSTRAINT fk_app_user_association');
    for (const table of [
      'association',
      'therapist_specialty',
      'therapist_condition',
      'therapist_profile',
      'postal_code',
      'specialty',
      'condition',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
