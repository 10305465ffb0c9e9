/**
 * @module Redirect targets resolved against the site's own origin. A browser reads `/\t/evil`,
 * `/\evil` or `//evil` as another host, and a raw newline in a Location header is a 500, so
 * string checks are not enough: the target is parsed exactly as a browser would (WHATWG URL) and
 * only a same-origin result (or an origin the caller names) is kept, re-serialized, so what
 * reaches the Location header is always percent-encoded.
 */
import type { Context } from 'hono';

const MAX_TARGET_LENGTH = 2000;
// Any origin works as a base: only whether the parsed target stays on it matters.
const PLACEHOLDER_ORIGIN = 'https://site.invalid';

/**
 * The same-site path (`/path?query#hash`) a `next`-style value points to, or `fallback` when it
 * is missing, too long, contains control characters, or resolves to another origin.
 */
export function sameSitePath(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target === '' || target.length > MAX_TARGET_LENGTH) return fallback;
  // Only paths: a scheme or host is never a `next` value, even one naming this very site.
  if (!target.startsWith('/')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil` normalizes to `//evil`, which a browser reads as a host.
  return path.startsWith('//') ? fallback : path;
}

export interface RedirectOptions {
  /** Where to go when the target is not acceptable (a same-site path). */
  fallback?: string;
  /** Other origins this redirect may reach (the configured public URL, a payment provider's checkout). */
  allowedOrigins?: readonly string[];
  status?: 301 | 302 | 303 | 307 | 308;
}

/**
 * `c.redirect` for any target: a path is resolved against the request's origin; an absolute URL
 * is kept only when its origin is the request's or one of `allowedOrigins`. Anything else goes to
 * `fallback`. The default status is 303 (forms post, then the browser GETs the target).
 */
export function redirectTo(c: Context, target: string, options: RedirectOptions = {}): Response {
  const status = options.status ?? 303;
  const fallback = sameSitePath(options.fallback ?? '/', '/');
  if (target.startsWith('/')) return c.redirect(sameSitePath(target, fallback), status);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return c.redirect(fallback, status);
  }
  const own = new URL(c.req.url).origin;
  const allowed = new Set([own, ...(options.allowedOrigins ?? []).map(originOf).filter((o): o is string => o !== null)]);
  if (!/^https?:$/.test(url.protocol) || !allowed.has(url.origin)) return c.redirect(fallback, status);
  return c.redirect(url.href, status);
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
