import { DEV_JWT_SECRET, validateEnv } from './env';

describe(validateEnv.name, () => {
  it('should apply defaults for the embedded development mode', () => {
    const sut = validateEnv({});
    expect(sut.PORT).toBe(3000);
    expect(sut.JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(sut.RATE_LIMITS).toBe('on');
  });

  it('should convert numbers and booleans from strings', () => {
    const sut = validateEnv({
      PORT: '8080',
      SEED_DEMO: 'true',
      DATABASE_URL: 'postgres://x/y',
      JWT_SECRET: 'x'.repeat(32),
    });
    expect(sut.PORT).toBe(8080);
    expect(sut.SEED_DEMO).toBe(true);
  });

  it('should require JWT_SECRET when DATABASE_URL is set', () => {
    expect(() => validateEnv({ DATABASE_URL: 'postgres://x/y' })).toThrow(/JWT_SECRET: required/);
  });

  it('should name every bad variable at once', () => {
    expect(() => validateEnv({ PORT: 'abc', RATE_LIMITS: 'maybe', JWT_SECRET: 'short' })).toThrow(
      /PORT[\s\S]*JWT_SECRET[\s\S]*RATE_LIMITS|PORT[\s\S]*RATE_LIMITS[\s\S]*JWT_SECRET/,
    );
  });

  it('should default PUBLIC_URL to the local port and drop a trailing slash', () => {
    expect(validateEnv({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(validateEnv({ PUBLIC_URL: 'https://directory.example/' }).PUBLIC_URL).toBe('https://directory.example');
    expect(() => validateEnv({ PUBLIC_URL: 'directory.example' })).toThrow(/PUBLIC_URL/);
  });

  it('should require both bootstrap admin variables or neither', () => {
    expect(() => validateEnv({ BOOTSTRAP_ADMIN_EMAIL: 'a@b.c' })).toThrow(/BOOTSTRAP_ADMIN/);
  });
});
