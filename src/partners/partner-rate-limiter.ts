import { Injectable } from '@nestjs/common';
import { SharedState } from '../cluster/shared-state';
import { Env } from '../config/env';

const WINDOW_MS = 60_000;

/** PARTNER_RATE_LIMIT requests per key per clock minute, counted in Redis when shared, else in this process. */
@Injectable()
export class PartnerRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly env: Env,
    private readonly state: SharedState,
  ) {}

  /** Counts a request; resolves to 0 when allowed, else to the seconds until the window resets. */
  async hit(partnerId: string): Promise<number> {
    if (this.env.RATE_LIMITS === 'off') {
      return 0;
    }
    const now = Date.now();
    const start = now - (now % WINDOW_MS);
    const count = await this.state.run(
      async (redis) => {
        const key = `partner-rate:${partnerId}:${start}`;
        const [[error, hits]] = (await redis.multi().incr(key).pexpire(key, WINDOW_MS).exec())!;
        if (error) {
          throw error;
        }
        return hits as number;
      },
      () => this.countLocally(partnerId, start),
    );
    return count > this.env.PARTNER_RATE_LIMIT ? Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) : 0;
  }

  private countLocally(partnerId: string, start: number): number {
    let window = this.windows.get(partnerId);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(partnerId, window);
    }
    return ++window.count;
  }
}
