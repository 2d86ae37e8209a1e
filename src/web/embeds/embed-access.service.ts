import { Injectable } from '@nestjs/common';
import { PartnerDirectory } from '../../partners/partner-directory';

/**
 * Why a search embed's request failed. A browser hides a refused cross-origin response from the page's script, so
 * the embed cannot read the API's answer when its page's origin is not among the key's allowedOrigins; it asks here
 * instead. This answer is open to every origin and says only what the caller already has: whether the key it holds
 * works, and whether the origin its browser reports (the Origin header, which a page cannot forge) may use it.
 */
export interface EmbedAccess {
  origin: string | null;
  allowed: boolean;
  /** The status the search would answer with: 200, 401 (no or bad key) or 403 (origin not allowed). */
  status: 200 | 401 | 403;
  title: string;
  detail: string;
}

@Injectable()
export class EmbedAccessService {
  constructor(private readonly partners: PartnerDirectory) {}

  async check(apiKey: string, origin: string | undefined): Promise<EmbedAccess> {
    const key = apiKey.trim();
    const partner = key ? await this.partners.resolve(key) : null;
    const from = origin ?? null;
    if (!partner) {
      return {
        origin: from,
        allowed: false,
        status: 401,
        title: key ? 'Partner key not valid' : 'Partner key missing',
        detail: key
          ? 'This search’s partner key is not valid: it may be mistyped or revoked.'
          : 'This search needs a partner key in its api-key attribute.',
      };
    }
    if (!from || !partner.allowedOrigins.includes(from)) {
      return {
        origin: from,
        allowed: false,
        status: 403,
        title: 'Site not allowed',
        detail: `This website (${from ?? 'unknown origin'}) is not on the list of sites allowed to use this partner key.`,
      };
    }
    return { origin: from, allowed: true, status: 200, title: 'Allowed', detail: 'This website may use this key.' };
  }
}
