import { nameUuid, validUntilOf } from './open-badge';

describe(validUntilOf.name, () => {
  it('should end with the last second of the expiry date (UTC), and be absent without one', () => {
    expect(validUntilOf('2027-03-01')?.toISOString()).toBe('2027-03-01T23:59:59.000Z');
    expect(validUntilOf(null)).toBeNull();
  });
});

describe(nameUuid.name, () => {
  it('should name the same achievement with the same version 5 UUID, and another with another', () => {
    const sut = nameUuid('association', 'CNMT');
    expect(sut).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('association', 'CNMT')).toBe(sut);
    expect(nameUuid('association', 'LMT')).not.toBe(sut);
  });
});
