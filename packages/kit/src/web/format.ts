/**
 * @module Locale-aware money and dates for pages: the reader's locale comes from their browser's
 * `Accept-Language` (the first tag Intl supports), falling back to en-US.
 */
import type { Context } from 'hono';

export const DEFAULT_LOCALE = 'en-US';

/** The first supported locale in an Accept-Language header (quality order), or en-US. */
export function localeFrom(acceptLanguage: string | undefined | null): string {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const tags = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag?.trim() ?? '', q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((t) => t.tag && t.tag !== '*' && Number.isFinite(t.q) && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of tags) {
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf([tag]);
      if (supported) return supported;
    } catch {
      // Not a valid BCP 47 tag: try the next one.
    }
  }
  return DEFAULT_LOCALE;
}

export const requestLocale = (c: Context) => localeFrom(c.req.header('Accept-Language'));

/** US cents as plain `$12.34` text (no grouping, locale-free), for API messages and next steps. */
export const usdText = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

/** `123456` cents → `$1,234.56` (en-US) or `1.234,56 $` (de-DE). */
export function formatMoney(cents: number, locale = DEFAULT_LOCALE, currency = 'USD'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** A date and time people read, in the given zone (UTC unless the product knows the reader's). */
export function formatDateTime(value: Date | string, locale = DEFAULT_LOCALE, timeZone = 'UTC'): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
  return timeZone === 'UTC' ? `${text} UTC` : text;
}

export function formatDate(value: Date | string, locale = DEFAULT_LOCALE, timeZone = 'UTC'): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(d);
}
