import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SharedState } from '../cluster/shared-state';
import { hashPartnerKey, MAX_KEY_LENGTH } from './partner-keys';

export interface ActivePartner {
  id: string;
  allowedOrigins: string[];
}

/**
 * Key lookups and origins are cached this long; a change clears them at once on this instance, and on every other one
 * through Redis when it is shared (REDIS_URL).
 */
export const PARTNER_CACHE_MS = 30_000;
const MAX_CACHED_KEYS = 10_000;
const PARTNERS_CHANGED = 'partners-changed';

/** Keeps partner key checks off the database on the hot read paths (search, profiles). */
@Injectable()
export class PartnerDirectory {
  private keys = new Map<string, { partner: ActivePartner | null; until: number }>();
  private origins: { set: Set<string>; until: number } | null = null;
  private loadingOrigins: Promise<Set<string>> | null = null;
  /** Bumped by invalidate(), so a lookup that raced with a change does not cache what it read before it. */
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly state: SharedState,
  ) {
    state.listen(PARTNERS_CHANGED, () => this.forget());
  }

  async resolve(apiKey: string): Promise<ActivePartner | null> {
    if (apiKey.length === 0 || apiKey.length > MAX_KEY_LENGTH) {
      return null;
    }
    const hash = hashPartnerKey(apiKey);
    const generation = this.generation;
    const cached = this.keys.get(hash);
    if (cached && cached.until > Date.now()) {
      return cached.partner;
    }
    const [row] = await this.db.query<{ id: string; allowed_origins: string[] }[]>(
      'SELECT id, allowed_origins FROM partner WHERE key_hash = $1 AND key_revoked_at IS NULL',
      [hash],
    );
    if (this.keys.size >= MAX_CACHED_KEYS) {
      this.keys.clear();
    }
    const partner = row ? { id: row.id, allowedOrigins: row.allowed_origins } : null;
    if (generation === this.generation) {
      this.keys.set(hash, { partner, until: Date.now() + PARTNER_CACHE_MS });
    }
    return partner;
  }

  /** With a key, only that partner's origins count; without (a preflight), any active partner's. */
  async originAllowed(origin: string, apiKey?: string): Promise<boolean> {
    if (apiKey !== undefined) {
      const partner = await this.resolve(apiKey);
      return partner?.allowedOrigins.includes(origin) ?? false;
    }
    return (await this.activeOrigins()).has(origin);
  }

  /** After a partner, its key or its origins changed. */
  invalidate(): void {
    this.state.notify(PARTNERS_CHANGED);
  }

  private forget(): void {
    this.generation++;
    this.keys.clear();
    this.origins = null;
    this.loadingOrigins = null;
  }

  private async activeOrigins(): Promise<Set<string>> {
    if (this.origins && this.origins.until > Date.now()) {
      return this.origins.set;
    }
    this.loadingOrigins ??= this.loadOrigins().finally(() => (this.loadingOrigins = null));
    return this.loadingOrigins;
  }

  private async loadOrigins(): Promise<Set<string>> {
    const generation = this.generation;
    const rows = await this.db.query<{ origin: string }[]>(
      'SELECT DISTINCT unnest(allowed_origins) AS origin FROM partner WHERE key_hash IS NOT NULL AND key_revoked_at IS NULL',
    );
    const set = new Set(rows.map((r) => r.origin));
    if (generation === this.generation) {
      this.origins = { set, until: Date.now() + PARTNER_CACHE_MS };
    }
    return set;
  }
}
