/**
 * @module Security headers for every HTML page of every app, set in one place (createApp): a strict
 * CSP (styles and scripts from this origin only, no inline scripts; the kit layout's one inline
 * style block is allowed by its hash), no framing, no referrer (sign-in, claim and invitation URLs
 * carry secrets) and no MIME sniffing. `nosniff` goes on every response.
 */
import type { MiddlewareHandler } from 'hono';
import { LAYOUT_STYLE_HASH } from './page';

export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'self' '${LAYOUT_STYLE_HASH}'`,
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function pageSecurityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (!(c.res.headers.get('Content-Type') ?? '').toLowerCase().startsWith('text/html')) return;
    c.res.headers.set('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  };
}
