/** What a partner key may call (API.md, Partners): the public reads, and nothing else. */
const PARTNER_ROUTES = [
  '/api/v1/search/therapists',
  '/api/v1/therapists/:param',
  '/api/v1/therapists/:param/reviews',
  '/api/v1/verify',
  '/api/v1/conditions',
  '/api/v1/specialties',
];
const ROUTE_SET = new Set(PARTNER_ROUTES);
/** The same list as paths, for preflights, which the router matches only to its catch-all OPTIONS route. */
const PATH_PATTERNS = PARTNER_ROUTES.map((r) => new RegExp(`^${r.replace(/:param/g, '(?!me(?:/|$))[^/]+')}$`));

/**
 * `route` is the pattern the router matched (`/api/v1/therapists/:id`), so that odd encodings of a path cannot dress
 * another route up as a partner one; without it (a preflight) the raw path is checked.
 */
export function isPartnerRoute(method: string | undefined, url: string, route?: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') {
    return false;
  }
  if (route !== undefined && route !== '*') {
    return ROUTE_SET.has(route.replace(/:[^/]+/g, ':param'));
  }
  const path = url.split('?')[0];
  return PATH_PATTERNS.some((pattern) => pattern.test(path));
}
