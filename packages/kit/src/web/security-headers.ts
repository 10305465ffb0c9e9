/**
 * @module Security headers for every HTML page of every app, set in one place (createApp): a strict
 * CSP (styles and scripts from this origin only, no inline scripts or styles), no framing, no referrer (sign-in, claim and invitation URLs
 * carry secrets) and no MIME sniffing. `nosniff` goes on every response.
 */
import type { MiddlewareHandler } from 'hono';
import { PAGE_CSP } from './assets';

/** The one page CSP (the design system's static CSS and JS, no inline code): see assets.ts. */
export const PAGE_CONTENT_SECURITY_POLICY = PAGE_CSP;

export function pageSecurityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // Pages, and redirects (a redirect's Referrer-Policy governs the request it leads to).
    const redirect = c.res.status >= 300 && c.res.status < 400;
    if (!redirect && !(c.res.headers.get('Content-Type') ?? '').toLowerCase().startsWith('text/html')) return;
    c.res.headers.set('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  };
}
