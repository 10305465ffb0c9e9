/**
 * @module Messaging configuration: environment variables (validated at start-up) and the
 * per-domain overrides tests and the start script pass in `services.settings`, which win.
 *
 * - OPENTRAIN_MESSAGE_RATE_LIMIT (default 20): messages one side may send into one conversation per window.
 * - OPENTRAIN_MESSAGE_RATE_WINDOW_SECONDS (default 60).
 * - OPENTRAIN_SANDBOX_REPLY_DELAY_SECONDS (default 20): how long a sandbox freelancer "takes" to reply.
 * Settings keys: messageRateLimit, messageRateWindowSeconds, sandboxReplyDelaySeconds.
 */
import { loadConfig, z } from '@platform/kit';

const count = (fallback: number, min: number) => z.coerce.number({ message: 'expected a whole number' }).int().min(min).max(1_000_000).default(fallback);

const envSchema = z.object({
  OPENTRAIN_MESSAGE_RATE_LIMIT: count(20, 1),
  OPENTRAIN_MESSAGE_RATE_WINDOW_SECONDS: count(60, 1),
  OPENTRAIN_SANDBOX_REPLY_DELAY_SECONDS: count(20, 0),
});

export interface MessagingSettings {
  rateLimit: number;
  rateWindowSeconds: number;
  sandboxReplyDelaySeconds: number;
}

const settingsSchema = z.object({
  messageRateLimit: z.number().int().min(1).optional(),
  messageRateWindowSeconds: z.number().int().min(1).optional(),
  sandboxReplyDelaySeconds: z.number().int().min(0).optional(),
});

export function resolveMessagingSettings(overrides: Record<string, unknown> = {}, env: Record<string, string | undefined> = process.env): MessagingSettings {
  const fromEnv = loadConfig(envSchema, env);
  const picked = settingsSchema.parse({
    messageRateLimit: overrides.messageRateLimit,
    messageRateWindowSeconds: overrides.messageRateWindowSeconds,
    sandboxReplyDelaySeconds: overrides.sandboxReplyDelaySeconds,
  });
  return {
    rateLimit: picked.messageRateLimit ?? fromEnv.OPENTRAIN_MESSAGE_RATE_LIMIT,
    rateWindowSeconds: picked.messageRateWindowSeconds ?? fromEnv.OPENTRAIN_MESSAGE_RATE_WINDOW_SECONDS,
    sandboxReplyDelaySeconds: picked.sandboxReplyDelaySeconds ?? fromEnv.OPENTRAIN_SANDBOX_REPLY_DELAY_SECONDS,
  };
}
