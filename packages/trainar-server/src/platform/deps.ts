/** @module What every TrainAR service is built from (one set per app instance). */
import type { Clock, Logger, Mailer, Resolver, SendResult, UrlAllowance } from '@platform/kit';
import type { StripeCheckoutOptions } from '@platform/kit/payments';
import type { IntegrationSettings } from '../integrations/settings';
import type { KnowledgeOptions } from '../knowledge/options';
import type { TrainArDb } from './db';

export interface TrainArSettings {
  /** How long a set-password (invitation) link stays valid. */
  inviteTtlHours: number;
  /** Requests per minute per API key; 0 disables the limit. */
  apiRateLimitPerMinute: number;
  /** Failed secret guesses (unknown or revoked tak_ keys and device credentials, invitation links, webhook signatures, the operator secret) per client IP, per kind, before 429. */
  secretGuessesPerIp: { limit: number; windowSeconds: number };
  /** Non-public skill endpoints admitted (skills/settings.ts): public, loopback (dev mode) or private. */
  skillUrlAllowance: UrlAllowance;
  /** DNS resolver for skill endpoints (tests inject one); default the system resolver. */
  skillResolver?: Resolver;
  /** Webhook receivers admitted (kit url-safety): from ALLOW_PRIVATE_WEBHOOK_URLS and dev mode. */
  webhookUrlAllowance: UrlAllowance;
  /** TRAINAR_SECRET_KEY (≥ 32 chars): seals webhook signing secrets at rest; null = stored as is. */
  webhookSecretKey: string | null;
  /** TRAINAR_SECRET_KEY_PREVIOUS: keys rotated away from; they still open secrets, which start-up reseals. */
  previousSecretKeys?: readonly string[];
  /** Waits before delivery attempts 2, 3, … (default 1, 5, 30, 120 min). */
  webhookRetryScheduleMs?: readonly number[];
  /** Consecutive failed deliveries before an endpoint is disabled (default 10). */
  webhookDisableAfterFailures?: number;
  /** Per-attempt deadline (default 10 s). */
  webhookTimeoutMs?: number;
  /** Told every webhook attempt's outcome (the app's metrics). */
  onWebhookDelivery?: (result: SendResult) => void;
  /** Knowledge limits, embedder and vector backend (defaults from env, see knowledge/options.ts). */
  knowledge?: Partial<KnowledgeOptions>;
  /** Integration providers, sync interval, write-back retries (defaults from env, see integrations/settings.ts). */
  integrations?: IntegrationSettings;
  /** Billing's Stripe keys and SDK options instead of STRIPE_* from the environment (tests point the SDK at a local Stripe). */
  billingStripe?: Pick<StripeCheckoutOptions, 'secretKey' | 'webhookSecret' | 'stripeConfig'>;
}

export const defaultSettings: TrainArSettings = {
  inviteTtlHours: 168,
  apiRateLimitPerMinute: 600,
  secretGuessesPerIp: { limit: 30, windowSeconds: 600 },
  skillUrlAllowance: 'public',
  webhookUrlAllowance: 'public',
  webhookSecretKey: null,
};

export interface ServiceDeps {
  db: TrainArDb;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  /** Origin for links in mail (invitations). */
  publicUrl: () => string;
  settings: TrainArSettings;
}

/**
 * Who is acting: a dashboard user, an API key (REST/MCP), or the operator CLI. Services use it
 * for the rules that depend on the caller (nobody deactivates themself; a key only grants scopes
 * it has) and to record who created what.
 */
export type Actor = { kind: 'user'; userId: string } | { kind: 'key'; keyId: string; scopes: string[] } | { kind: 'operator' };
