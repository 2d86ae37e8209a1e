/** A small, fast, seedable PRNG (mulberry32): the same seed always yields the same sequence. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A PRNG for item `index` of stream `seed`, independent of how items are batched. */
  static for(seed: number, index: number): Prng {
    return new Prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `weights[i]` is the relative weight of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let r = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return items[i];
      }
    }
    return items[items.length - 1];
  }

  /** `count` distinct items, in the input's order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) {
      chosen.add(Math.floor(this.next() * items.length));
    }
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  hex(digits: number): string {
    let out = '';
    while (out.length < digits) {
      out += Math.floor(this.next() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    }
    return out.slice(0, digits);
  }
}

/**
 * A valid RFC 4122 version-4-format UUID whose leading bits are `run` then `index`, so that bulk inserts append to
 * primary-key indexes instead of splitting pages all over them; the tail is random.
 */
export function orderedUuid(run: number, kind: number, index: number, rng: Prng): string {
  const head =
    (run & 0xffff).toString(16).padStart(4, '0') + (kind & 0xf).toString(16) + index.toString(16).padStart(7, '0');
  return `${head.slice(0, 8)}-${head.slice(8, 12)}-4${rng.hex(3)}-${'89ab'[rng.int(0, 3)]}${rng.hex(3)}-${rng.hex(12)}`;
}

/**
 * A valid version-4-format UUID whose leading bits are random, as those of gen_random_uuid() are, and whose tail is
 * `run`, `kind` then `index` (unique). Therapist ids take this form: the search tells therapists at one address
 * apart by their ids' leading bits (search_point), and ids made in sequence would make them all tie.
 */
export function scatteredUuid(run: number, kind: number, index: number, rng: Prng): string {
  const tail =
    (run & 0xffff).toString(16).padStart(4, '0') + (kind & 0xf).toString(16) + index.toString(16).padStart(10, '0');
  return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${'89ab'[rng.int(0, 3)]}${tail.slice(0, 3)}-${tail.slice(3)}`;
}
