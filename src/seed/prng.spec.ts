import { orderedUuid, Prng, scatteredUuid } from './prng';

describe(Prng.name, () => {
  it('should repeat the same sequence for the same seed and index', () => {
    const a = Prng.for(42, 1234);
    const b = Prng.for(42, 1234);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('should give different items different sequences', () => {
    expect(Prng.for(42, 1).next()).not.toBe(Prng.for(42, 2).next());
    expect(Prng.for(42, 1).next()).not.toBe(Prng.for(43, 1).next());
  });

  it('should stay within bounds and sample distinct items', () => {
    const sut = new Prng(7);
    for (let i = 0; i < 1000; i++) {
      const n = sut.int(15, 240);
      expect(n).toBeGreaterThanOrEqual(15);
      expect(n).toBeLessThanOrEqual(240);
    }
    const sample = sut.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
  });
});

describe(scatteredUuid.name, () => {
  it('should make valid UUIDs, unique by index, whose leading bits do not follow the index', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => scatteredUuid(42, 2, i, Prng.for(42, i)));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(0, 2))).size).toBeGreaterThan(200);
    expect(ids.slice(0, 10).map((id) => id.slice(-10))).toEqual(
      ids.slice(0, 10).map((_, i) => i.toString(16).padStart(10, '0')),
    );
  });
});

describe(orderedUuid.name, () => {
  it('should make valid UUIDs that sort by index', () => {
    const ids = [1, 2, 300, 70000].map((i) => orderedUuid(42, 2, i, Prng.for(42, i)));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect([...ids].sort()).toEqual(ids);
  });
});
