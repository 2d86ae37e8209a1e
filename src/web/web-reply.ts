import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The pages' policy: scripts and styles only from files of this origin (no inline code, no eval), no plugins, forms
 * post only here, and no framing (the embeds are scripts, so nothing needs to frame a page).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export function etagMatches(header: string | undefined, etag: string): boolean {
  return (
    header !== undefined &&
    header
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*')
  );
}

/** Sends a body with its ETag, or 304 when If-None-Match names it (successful responses only). */
export function sendTagged(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Buffer,
  headers: Record<string, string>,
  status = 200,
): FastifyReply {
  const etag = etagOf(body);
  void reply.headers({ ...headers, ETag: etag });
  if (status === 200 && etagMatches(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }
  return reply.code(status).send(body);
}

/** An HTML page: the strict policy, not framable, revalidated on every visit (the verification state is live). */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  html: string,
  status = 200,
  headers: Record<string, string> = {},
): FastifyReply {
  return sendTagged(
    request,
    reply,
    Buffer.from(html),
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_CSP,
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
      ...headers,
    },
    status,
  );
}

/** For what other sites load: the embeds, the badge image and its data (helmet's default is same-origin only). */
export const CROSS_ORIGIN: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
