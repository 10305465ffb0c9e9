/**
 * @module The webhooks module's app settings: environment variables, overridable per app through
 * `services.settings` (tests, the start script). Keys:
 * - `allowPrivateWebhookUrls` (boolean) / ALLOW_PRIVATE_WEBHOOK_URLS: on = http and private-range
 *   receivers (10/8, 172.16/12, 192.168/16, fc00::/7, loopback...); off = public https only.
 *   Unset: loopback receivers (and http) in dev mode (the test harness counts as dev mode), public
 *   only otherwise. Link-local and cloud metadata addresses are refused in every case (kit url-safety).
 * - `webhookFanoutIntervalMs` (number): pause between fan-out passes when the outbox is drained (1000).
 * - `webhookTimeoutMs` (number): per-attempt deadline (10000).
 * - `webhookResolver` (function): DNS resolver for the SSRF guard (tests).
 * - `webhookDeliveryObserver` (function): told every delivery attempt's outcome (the app's metrics).
 * OPENTRAIN_SECRET_KEY (≥ 32 chars) seals webhook signing secrets at rest; OPENTRAIN_SECRET_KEY_PREVIOUS
 * lists keys rotated away from (see docs/webhooks.md).
 */
import { type UrlAllowance, z } from '@platform/kit';
import { type Resolver, type WebhooksOptions, webhooksEnvOptions } from './index';

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), 'must be 1/0, true/false, yes/no or on/off')
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

export function webhookUrlPolicyOptions(input: { embedded: boolean; settings: Record<string, unknown>; env?: Record<string, string | undefined> }): Omit<WebhooksOptions, 'db' | 'clock' | 'logger'> {
  const env = input.env ?? process.env;
  const s = input.settings;
  let urlAllowance: UrlAllowance = input.embedded ? 'loopback' : 'public';
  const raw = env.ALLOW_PRIVATE_WEBHOOK_URLS;
  if (raw !== undefined && raw.trim() !== '') {
    const parsed = flag.safeParse(raw);
    if (!parsed.success) throw new Error(`ALLOW_PRIVATE_WEBHOOK_URLS ${parsed.error.issues[0].message} (got "${raw}")`);
    urlAllowance = parsed.data ? 'private' : 'public';
  }
  if (typeof s.allowPrivateWebhookUrls === 'boolean') urlAllowance = s.allowPrivateWebhookUrls ? 'private' : 'public';
  const number = (key: string) => (typeof s[key] === 'number' && Number.isFinite(s[key]) ? (s[key] as number) : undefined);
  return {
    secretKey: webhooksEnvOptions(env).secretKey,
    previousSecretKeys: webhooksEnvOptions(env).previousSecretKeys,
    urlAllowance,
    fanoutIntervalMs: number('webhookFanoutIntervalMs'),
    timeoutMs: number('webhookTimeoutMs'),
    resolve: typeof s.webhookResolver === 'function' ? (s.webhookResolver as Resolver) : undefined,
    onDeliveryAttempt: typeof s.webhookDeliveryObserver === 'function' ? (s.webhookDeliveryObserver as WebhooksOptions['onDeliveryAttempt']) : undefined,
  };
}
