/**
 * @module CSRF protection for human forms: a double-submit token (an HttpOnly cookie and a hidden
 * field that must match, compared in constant time) plus an Origin check on every unsafe request.
 * Works before sign-in too (sign-in and sign-up forms).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { randomBase62, safeEqual } from '../secrets/tokens';

const COOKIE = 'csrf_token';
export const CSRF_FIELD = '_csrf';

/** The token for this browser (set on first use); embed it with `csrfField`. */
export function csrfToken(c: Context): string {
  const existing = getCookie(c, COOKIE);
  if (existing && /^[0-9A-Za-z]{32}$/.test(existing)) return existing;
  const token = randomBase62(32);
  setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
  return token;
}

export function csrfField(c: Context) {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(c)}" />`;
}

export class CsrfError extends Error {}

/** Verifies the form's token against the cookie; throws CsrfError when they differ. */
export function verifyCsrf(c: Context, form: Record<string, unknown>): void {
  const cookie = getCookie(c, COOKIE);
  const field = typeof form[CSRF_FIELD] === 'string' ? (form[CSRF_FIELD] as string) : '';
  if (!cookie || !field || !safeEqual(cookie, field)) throw new CsrfError('The form expired or came from another site. Reload the page and try again.');
}

/** Refuses unsafe requests whose Origin (when sent) is not this site. */
export function sameOriginOnly(): MiddlewareHandler {
  return async function sameOrigin(c, next) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('Origin');
      if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) {
        return c.text('Cross-site form submission refused.', 403);
      }
    }
    await next();
  };
}
