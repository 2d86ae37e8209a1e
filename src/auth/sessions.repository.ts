import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Sign-in state: refresh-token families, the token version that ends access tokens, and failed sign-ins. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recordLoginFailure(email: string, ip: string): Promise<void> {
    await this.db.query('INSERT INTO login_failure (email, ip) VALUES ($1, $2)', [email, ip]);
  }

  async recentLoginFailures(
    email: string,
    ip: string,
    windowSeconds: number,
  ): Promise<{ failures: number; oldest: Date | null }> {
    const [row] = await this.db.query<{ failures: number; oldest: Date | null }[]>(
      `SELECT count(*)::int AS failures, min(at) AS oldest FROM login_failure
       WHERE email = $1 AND ip = $2 AND at > now() - make_interval(secs => $3)`,
      [email, ip, windowSeconds],
    );
    return row;
  }

  /** Spends a live refresh token in one statement, so that two concurrent refreshes cannot both win. */
  async claimRefreshToken(tokenHash: string): Promise<{ user_id: string; family_id: string } | null> {
    // TypeORM answers UPDATE ... RETURNING with [rows, affectedCount].
    const [claimed] = await this.db.query<[{ user_id: string; family_id: string }[], number]>(
      `UPDATE refresh_token SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id, family_id`,
      [tokenHash],
    );
    return claimed[0] ?? null;
  }

  /** Marks a token that could not be claimed as revoked; its family if the token exists (a reuse), else null. */
  async revokeToken(tokenHash: string): Promise<string | null> {
    const [[reused]] = await this.db.query<[{ family_id: string }[], number]>(
      'UPDATE refresh_token SET revoked_at = coalesce(revoked_at, now()) WHERE token_hash = $1 RETURNING family_id',
      [tokenHash],
    );
    return reused?.family_id ?? null;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query('UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [
      familyId,
    ]);
  }

  /** Ends every session: refresh tokens revoked, access tokens refused from now on (token version bumped). */
  async endAll(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    await m.query('UPDATE app_user SET token_version = token_version + 1 WHERE id = $1', [userId]);
  }

  /** Ends every session but one sign-in (the refresh-token family); its access tokens keep working. */
  async endOthers(m: EntityManager, userId: string, keepFamily: string): Promise<void> {
    await m.query(
      'UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL',
      [userId, keepFamily],
    );
  }

  async associationSlug(associationId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ slug: string }[]>('SELECT slug FROM association WHERE id = $1', [
      associationId,
    ]);
    return row?.slug;
  }
}
