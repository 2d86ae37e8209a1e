import { SearchQuery } from './dto/search-query.schema';
import { searchCacheKey } from './search.service';

const base = { near: '30.27,-97.74', radiusKm: 25, limit: 20 } as unknown as SearchQuery;

describe('searchCacheKey', () => {
  it('should never give two different searches the same key, whatever their values', () => {
    const variants = [
      base,
      { ...base, minRating: Infinity },
      { ...base, minRating: NaN },
      { ...base, minRating: 0 },
      { ...base, radiusKm: Infinity },
      { ...base, q: 'null' },
      { ...base, q: '' },
      { ...base, condition: 'a', specialty: 'b' },
      { ...base, condition: 'a&specialty=b' },
    ] as SearchQuery[];
    const keys = variants.map(searchCacheKey);
    expect(new Set(keys).size).toBe(variants.length);
  });

  it('should give the same search the same key', () => {
    expect(searchCacheKey({ ...base })).toBe(searchCacheKey({ ...base }));
  });
});
