import { RouteTable } from './route-policy';

describe(RouteTable.name, () => {
  const table = new RouteTable();
  table.add('*', false);
  table.add('/api/v1/therapists/:id', true);
  table.add('/api/v1/therapists/me', false);
  table.add('/api/v1/therapists/:id/reviews', true);
  table.add('/api/v1/therapists/me/certifications', false);
  table.add('/api/v1/search/therapists', true);
  table.add('/api/v1/auth/me', false);

  it('should find a partner route by its path, as the router would match it', () => {
    expect(table.partnerAccess('/api/v1/therapists/4f0c2a52-1111-4aaa-8bbb-123456789abc')).toBe(true);
    expect(table.partnerAccess('/api/v1/therapists/abc/reviews')).toBe(true);
    expect(table.partnerAccess('/api/v1/search/therapists')).toBe(true);
  });

  it('should let a literal route win over a parameter, and a parameter over a catch-all', () => {
    expect(table.partnerAccess('/api/v1/therapists/me')).toBe(false);
    expect(table.partnerAccess('/api/v1/therapists/me/certifications')).toBe(false);
    expect(table.partnerAccess('/api/v1/auth/me')).toBe(false);
    expect(table.partnerAccess('/anything/else')).toBe(false);
  });
});
