/**
 * @module Dev mode: the local conveniences that must never face a network (the sandbox mail pages
 * at /dev/mail, which show every sign-in link and invitation; simulated marketplace activity;
 * webhooks to loopback). On by default only for the local quick start: listening on a loopback
 * address with the embedded database (no DATABASE_URL). `DEV_MODE=1` or `0` decides explicitly.
 * Outside dev mode mail must go out by SMTP: an app without SMTP_URL refuses to start rather
 * than keep sign-in links in a page, so nobody beyond loopback can read them.
 */
import { isIP } from 'node:net';
import { ConfigError } from './env';

/** True for 127.0.0.0/8, ::1 and `localhost`; false for wildcard and every other address. */
export function isLoopbackHost(host: string | undefined): boolean {
  const h = (host ?? '127.0.0.1').trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

export interface DevModeInput {
  /** The listen address (default 127.0.0.1, as the server's). */
  host?: string;
  databaseUrl?: string;
  /** DEV_MODE when set: wins over the default either way. */
  devMode?: boolean;
}

export function resolveDevMode(input: DevModeInput): boolean {
  if (input.devMode !== undefined) return input.devMode;
  return isLoopbackHost(input.host) && !input.databaseUrl;
}

/** Refuses to start without SMTP outside dev mode (the sandbox outbox would hold sign-in links). */
export function assertMailDelivery(product: string, input: DevModeInput & { smtpUrl?: string }): void {
  if (input.smtpUrl || resolveDevMode(input)) return;
  const why =
    input.devMode === false
      ? 'DEV_MODE=0'
      : [!isLoopbackHost(input.host) ? `it listens on ${input.host} (not loopback)` : '', input.databaseUrl ? 'DATABASE_URL is set' : ''].filter(Boolean).join(' and ');
  throw new ConfigError(
    `${product} will not start without SMTP_URL outside dev mode (${why}): its sign-in and invitation mail would ` +
      'only be readable on the sandbox page /dev/mail. Set SMTP_URL (smtp://user:pass@host:587), or DEV_MODE=1 to ' +
      'keep the sandbox outbox for local development only.',
  );
}
