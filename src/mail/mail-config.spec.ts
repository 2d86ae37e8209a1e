import { validateEnv } from '../config/env';

describe('mail settings', () => {
  it('should default PUBLIC_URL to http://localhost:${PORT}', () => {
    expect(validateEnv({ PORT: '3301' }).PUBLIC_URL).toBe('http://localhost:3301');
  });

  it('should drop a trailing slash from PUBLIC_URL, so links have one slash', () => {
    expect(validateEnv({ PUBLIC_URL: 'https://nmt.example.org/' }).PUBLIC_URL).toBe('https://nmt.example.org');
  });

  it('should accept smtp:// and smtps:// URLs and refuse anything else', () => {
    expect(validateEnv({ SMTP_URL: 'smtp://user:pass@mail.example.org:587' }).SMTP_URL).toBeDefined();
    expect(validateEnv({ SMTP_URL: 'smtps://user:pass@mail.example.org:465' }).SMTP_URL).toBeDefined();
    expect(() => validateEnv({ SMTP_URL: 'mail.example.org:25' })).toThrow(/SMTP_URL/);
    expect(() => validateEnv({ PUBLIC_URL: 'nmt.example.org' })).toThrow(/PUBLIC_URL/);
  });
});
