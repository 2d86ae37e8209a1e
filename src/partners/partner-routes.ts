/** What a partner key may call (API.md, Partners): the public reads, and nothing else. */
const PARTNER_ROUTES: RegExp[] = [
  /^\/api\/v1\/search\/therapists$/,
  /^\/api\/v1\/therapists\/(?!me$)[^/]+$/,
  /^\/api\/v1\/therapists\/(?!me\/)[^/]+\/reviews$/,
  /^\/api\/v1\/verify$/,
  /^\/api\/v1\/conditions$/,
  /^\/api\/v1\/specialties$/,
];

export function isPartnerRoute(method: string | undefined, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') {
    return false;
  }
  const path = url.split('?')[0];
  return PARTNER_ROUTES.some((route) => route.test(path));
}
