/**
 * @module Errors of the agent-auth endpoints, in the OAuth wire shape `{error, error_description}`
 * (RFC 6749 §5.2 / RFC 8628 §3.5), extended with `field` (the offending input), `reason` (a finer
 * code, e.g. `email_already_registered`), `retryAfterSeconds` on 429 and `interval` on polling errors.
 */
import type { OAuthErrorBody, OAuthErrorCode } from '@opentrain/api';

export interface OAuthErrorExtra {
  field?: string;
  reason?: string;
  retryAfterSeconds?: number;
  interval?: number;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly extra: OAuthErrorExtra = {},
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }

  body(): OAuthErrorBody {
    return { error: this.error, error_description: this.description, ...this.extra };
  }

  headers(): Record<string, string> {
    const h: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (this.extra.retryAfterSeconds !== undefined) h['Retry-After'] = String(this.extra.retryAfterSeconds);
    return h;
  }
}

export const invalidRequest = (description: string, field?: string, reason?: string) => new OAuthError(400, 'invalid_request', description, { field, reason });

export const anonymousNotEnabled = () => new OAuthError(403, 'anonymous_not_enabled', 'Anonymous agent registration is disabled on this server.');

export const rateLimitExceeded = (retryAfterSeconds: number, what: string) =>
  new OAuthError(429, 'rate_limit_exceeded', `Too many ${what}. Retry after ${retryAfterSeconds} s.`, { retryAfterSeconds });
