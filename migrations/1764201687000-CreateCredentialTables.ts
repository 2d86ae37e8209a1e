import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verifiable credentials:
 * - credential_signing_key: signing keys the service generated itself (when no CREDENTIAL_SIGNING_KEY is configured),
 *   so that every instance signs with the same key across restarts. The private JWK is sealed (AES-256-GCM, with a
 *   key derived from JWT_SECRET): a copy of the database alone cannot sign. The public JWK stays published for good.
 * - credential_status_entry: a certification's place in a Bitstring Status List (list_number, list_index), given
 *   when its first credential is issued. Revocation is final (BitstringStatusList `revocation`): an entry whose
 *   certification stopped being verified is marked revoked and never cleared; should the certification be verified
 *   again, its next credential gets a new entry. The index is the position permuted within the list (times an odd
 *   number, modulo the list size), so that neighbouring bits do not tell in which order credentials were issued.
 *   certification_id becomes NULL if the certification row ever goes: its bit then reads as revoked.
 */
export class CreateCredentialTables1764201687000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credential_signing_key (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        sealed_private_jwk text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE SEQUENCE credential_status_position_seq AS bigint MINVALUE 0 START WITH 0');
    await q.query(`
      CREATE TABLE credential_status_entry (
        position bigint PRIMARY KEY DEFAULT nextval('credential_status_position_seq'),
        certification_id uuid REFERENCES certification(id) ON DELETE SET NULL,
        list_number integer GENERATED ALWAYS AS (position / 131072) STORED,
        list_index integer GENERATED ALWAYS AS ((position % 131072) * 40503 % 131072) STORED,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER SEQUENCE credential_status_position_seq OWNED BY credential_status_entry.position');
    await q.query(`CREATE UNIQUE INDEX uq_credential_status_entry_current ON credential_status_entry (certification_id)
      WHERE revoked_at IS NULL`);
    await q.query('CREATE INDEX ix_credential_status_entry_list ON credential_status_entry (list_number, list_index)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE credential_status_entry');
    await q.query('DROP TABLE credential_signing_key');
  }
}
