import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface StoredKeyRow {
  kid: string;
  publicJwk: Record<string, unknown>;
  sealedPrivateJwk: string;
}

/** A certification that is verified today, on a published profile: what its credential says. */
export interface VerifiedCertificationRow {
  id: string;
  credentialType: string;
  credentialNumber: string;
  expiresOn: string | null;
  checkedAt: Date;
  associationId: string;
  associationSlug: string;
  associationName: string;
  associationWebsite: string | null;
  therapistId: string;
  displayName: string;
}

export interface StatusEntry {
  listNumber: number;
  listIndex: number;
}

const VERIFIED_TODAY = `c.withdrawn_at IS NULL AND certification_effective_status(c.status, c.expires_on) = 'verified'`;

@Injectable()
export class CredentialsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Serialises key generation between instances starting together (held until the transaction ends). */
  async lockKeys(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('credential_signing_key'))`);
  }

  storedKeys(m: EntityManager = this.db.manager): Promise<StoredKeyRow[]> {
    return m.query<StoredKeyRow[]>(
      `SELECT kid, public_jwk AS "publicJwk", sealed_private_jwk AS "sealedPrivateJwk"
       FROM credential_signing_key ORDER BY created_at DESC, kid`,
    );
  }

  async storeKey(m: EntityManager, kid: string, publicJwk: object, sealedPrivateJwk: string): Promise<void> {
    await m.query(`INSERT INTO credential_signing_key (kid, public_jwk, sealed_private_jwk) VALUES ($1, $2, $3)`, [
      kid,
      publicJwk,
      sealedPrivateJwk,
    ]);
  }

  async verifiedCertification(id: string): Promise<VerifiedCertificationRow | null> {
    const [row] = await this.db.query<VerifiedCertificationRow[]>(
      `SELECT c.id, c.credential_type AS "credentialType", c.credential_number AS "credentialNumber",
              to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn",
              coalesce(greatest(c.last_checked_at, c.verified_at), c.updated_at) AS "checkedAt",
              a.id AS "associationId", a.slug AS "associationSlug", a.name AS "associationName",
              a.website AS "associationWebsite", p.id AS "therapistId", p.display_name AS "displayName"
       FROM certification c
       JOIN association a ON a.id = c.association_id
       JOIN therapist_profile p ON p.id = c.therapist_id AND p.published
       WHERE c.id = $1 AND ${VERIFIED_TODAY}`,
      [id],
    );
    return row ?? null;
  }

  /**
   * The certification's current (unrevoked) place in a status list, given on first use. Read first: an insert that
   * conflicts would still use up a position of the sequence.
   */
  async statusEntry(certificationId: string): Promise<StatusEntry | null> {
    const current = () =>
      this.db.query<StatusEntry[]>(
        `SELECT list_number AS "listNumber", list_index AS "listIndex" FROM credential_status_entry
         WHERE certification_id = $1 AND revoked_at IS NULL`,
        [certificationId],
      );
    const [existing] = await current();
    if (existing) {
      return existing;
    }
    const [inserted] = await this.db.query<StatusEntry[]>(
      `INSERT INTO credential_status_entry (certification_id) VALUES ($1)
       ON CONFLICT (certification_id) WHERE revoked_at IS NULL DO NOTHING
       RETURNING list_number AS "listNumber", list_index AS "listIndex"`,
      [certificationId],
    );
    return inserted ?? (await current())[0] ?? null;
  }

  /**
   * The revoked indexes of a list, or null when the list has no entries. Entries whose certification is no longer
   * verified today (withdrawn, rejected, expired by date or by record, gone) are marked revoked first, for good.
   */
  async revokedIndexes(listNumber: number): Promise<number[] | null> {
    const [{ used }] = await this.db.query<{ used: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM credential_status_entry WHERE list_number = $1) AS used',
      [listNumber],
    );
    if (!used) {
      return null;
    }
    const rows = await this.db.query<{ index: number }[]>(
      `WITH swept AS (
         UPDATE credential_status_entry e SET revoked_at = now()
         WHERE e.list_number = $1 AND e.revoked_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM certification c WHERE c.id = e.certification_id AND ${VERIFIED_TODAY})
         RETURNING e.list_index)
       SELECT list_index AS index FROM credential_status_entry WHERE list_number = $1 AND revoked_at IS NOT NULL
       UNION ALL SELECT list_index FROM swept`,
      [listNumber],
    );
    return rows.map((r) => Number(r.index));
  }
}
