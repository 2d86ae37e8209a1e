import { Injectable, NotFoundException } from '@nestjs/common';
import { Env } from '../config/env';
import { CredentialKeys } from './credential-keys.service';
import { CredentialsRepository } from './credentials.repository';
import { openBadgeCredential } from './open-badge';
import { statusListCredential } from './status-list';

interface CachedList {
  jwt: string;
  until: number;
}

const NOT_VERIFIED = (id: string) =>
  new NotFoundException(`Certification ${id} is not verified today, or not on a published profile.`);

/** Issues credentials for certifications verified today, and serves the status lists that revoke them. */
@Injectable()
export class CredentialsService {
  private readonly lists = new Map<number, CachedList>();

  constructor(
    private readonly env: Env,
    private readonly keys: CredentialKeys,
    private readonly repository: CredentialsRepository,
  ) {}

  statusListUrl(listNumber: number): string {
    return `${this.env.PUBLIC_URL}/credentials/status/${listNumber}`;
  }

  async credential(certificationId: string): Promise<string> {
    const certification = await this.repository.verifiedCertification(certificationId);
    const entry = certification && (await this.repository.statusEntry(certificationId));
    if (!certification || !entry) {
      throw NOT_VERIFIED(certificationId);
    }
    const status = { url: this.statusListUrl(entry.listNumber), index: entry.listIndex };
    return this.keys.sign(openBadgeCredential(certification, status, this.env.PUBLIC_URL!, new Date()));
  }

  /**
   * The signed status list, computed from the database and kept for CREDENTIAL_STATUS_MAX_AGE_SECONDS; `maxAge` is
   * what is left of that, so that this cache and the HTTP caches after it together never exceed it.
   */
  async statusList(listNumber: number): Promise<{ jwt: string; maxAge: number }> {
    const cached = this.lists.get(listNumber);
    if (cached && cached.until > Date.now()) {
      return { jwt: cached.jwt, maxAge: Math.floor((cached.until - Date.now()) / 1000) };
    }
    const revoked = await this.repository.revokedIndexes(listNumber);
    if (revoked === null) {
      throw new NotFoundException(`There is no status list ${listNumber}.`);
    }
    const maxAge = this.env.CREDENTIAL_STATUS_MAX_AGE_SECONDS;
    const payload = statusListCredential(
      this.statusListUrl(listNumber),
      this.env.PUBLIC_URL!,
      revoked,
      new Date(),
      maxAge,
    );
    const jwt = await this.keys.sign(payload);
    if (maxAge > 0) {
      this.lists.set(listNumber, { jwt, until: Date.now() + maxAge * 1000 });
    }
    return { jwt, maxAge };
  }
}
