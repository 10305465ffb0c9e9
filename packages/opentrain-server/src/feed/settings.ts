/**
 * @module The feed domain's settings: environment variables, overridable per app through
 * `services.settings` (tests, the start script). Keys:
 * - `allowPrivateWebhookUrls` (boolean) / ALLOW_PRIVATE_WEBHOOK_URLS: http and private, loopback and
 *   link-local receivers. Default: on for the embedded quick start (no DATABASE_URL; the test
 *   harness counts as embedded), off otherwise.
 * - `webhookFanoutIntervalMs` (number): pause between fan-out passes when the outbox is drained (1000).
 * - `webhookTimeoutMs` (number): per-attempt deadline (10000).
 * - `webhookResolver` (function): DNS resolver for the SSRF guard (tests).
 * OPENTRAIN_SECRET_KEY (≥ 32 chars) seals webhook signing secrets at rest (see docs/webhooks.md).
 */
import { z } from '@platform/kit';
import type { Resolver, WebhooksOptions } from '../webhooks';
import { webhooksEnvOptions } from '../webhooks';

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), 'must be 1/0, true/false, yes/no or on/off')
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

export function feedWebhookOptions(input: { embedded: boolean; settings: Record<string, unknown>; env?: Record<string, string | undefined> }): Omit<WebhooksOptions, 'db' | 'clock' | 'logger'> {
  const env = input.env ?? process.env;
  const s = input.settings;
  let allowPrivateUrls = input.embedded;
  const raw = env.ALLOW_PRIVATE_WEBHOOK_URLS;
  if (raw !== undefined && raw.trim() !== '') {
    const parsed = flag.safeParse(raw);
    if (!parsed.success) throw new Error(`ALLOW_PRIVATE_WEBHOOK_URLS ${parsed.error.issues[0].message} (got "${raw}")`);
    allowPrivateUrls = parsed.data;
  }
  if (typeof s.allowPrivateWebhookUrls === 'boolean') allowPrivateUrls = s.allowPrivateWebhookUrls;
  const number = (key: string) => (typeof s[key] === 'number' && Number.isFinite(s[key]) ? (s[key] as number) : undefined);
  return {
    secretKey: webhooksEnvOptions(env).secretKey,
    allowPrivateUrls,
    fanoutIntervalMs: number('webhookFanoutIntervalMs'),
    timeoutMs: number('webhookTimeoutMs'),
    resolve: typeof s.webhookResolver === 'function' ? (s.webhookResolver as Resolver) : undefined,
  };
}
