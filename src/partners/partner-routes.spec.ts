import { isPartnerRoute } from './partner-routes';

describe(isPartnerRoute.name, () => {
  it('should allow the partner reads by matched route', () => {
    expect(isPartnerRoute('GET', '/api/v1/therapists/x', '/api/v1/therapists/:id')).toBe(true);
    expect(isPartnerRoute('HEAD', '/api/v1/therapists/x/reviews', '/api/v1/therapists/:id/reviews')).toBe(true);
    expect(isPartnerRoute('GET', '/api/v1/search/therapists?near=1,2', '/api/v1/search/therapists')).toBe(true);
  });

  it('should refuse other routes and methods, whatever the raw path looks like', () => {
    expect(isPartnerRoute('GET', '/api/v1/therapists/m%65', '/api/v1/therapists/me')).toBe(false);
    expect(isPartnerRoute('POST', '/api/v1/therapists/x/reviews', '/api/v1/therapists/:id/reviews')).toBe(false);
    expect(isPartnerRoute('GET', '/api/v1/nowhere', undefined)).toBe(false);
  });

  it('should check the raw path when no route was matched (preflights)', () => {
    expect(isPartnerRoute('GET', '/api/v1/therapists/abc/reviews', '*')).toBe(true);
    expect(isPartnerRoute('GET', '/api/v1/therapists/me', '*')).toBe(false);
    expect(isPartnerRoute('GET', '/api/v1/therapists/me/reviews', '*')).toBe(false);
    expect(isPartnerRoute('GET', '/api/v1/auth/me', '*')).toBe(false);
  });
});
