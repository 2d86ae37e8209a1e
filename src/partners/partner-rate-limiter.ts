import { Injectable } from '@nestjs/common';
import { Env } from '../config/env';

const WINDOW_MS = 60_000;

/** PARTNER_RATE_LIMIT requests per key per clock minute, counted in memory (per instance). */
@Injectable()
export class PartnerRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly env: Env) {}

  /** Counts a request; returns 0 when allowed, else the seconds until the window resets. */
  hit(partnerId: string): number {
    if (this.env.RATE_LIMITS === 'off') {
      return 0;
    }
    const now = Date.now();
    const start = now - (now % WINDOW_MS);
    let window = this.windows.get(partnerId);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(partnerId, window);
    }
    window.count++;
    return window.count > this.env.PARTNER_RATE_LIMIT ? Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) : 0;
  }
}
