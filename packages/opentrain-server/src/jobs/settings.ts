/**
 * @module Jobs settings: environment variables (validated at start-up) with per-app overrides from
 * `services.settings` (tests, start script), which win.
 *   OPENTRAIN_PUBLISH_LIMIT_CLAIMED    jobs a claimed account may publish per rolling 24 h (default 20)
 *   OPENTRAIN_PUBLISH_LIMIT_UNCLAIMED  same for unclaimed agent accounts (default 3)
 *   OPENTRAIN_LLM_*                    the optional extraction refiner (see jobs/extraction/refiner/config.ts)
 * Overrides: `jobs.publishLimits` ({claimed, unclaimed}), `jobs.llmRefiner` (LlmRefinerConfig | null),
 * `jobs.sandbox` (boolean; default = embedded quick start).
 */
import { z } from 'zod';
import { type LlmRefinerConfig, loadLlmRefinerConfig } from './extraction';
import { DEFAULT_PUBLISH_LIMITS, type PublishLimits } from './publish-limits';

const envSchema = z.object({
  OPENTRAIN_PUBLISH_LIMIT_CLAIMED: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_PUBLISH_LIMITS.claimed),
  OPENTRAIN_PUBLISH_LIMIT_UNCLAIMED: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_PUBLISH_LIMITS.unclaimed),
});

export interface JobsSettings {
  publishLimits: PublishLimits;
  llmRefiner?: LlmRefinerConfig;
  sandbox: boolean;
}

export function loadJobsSettings(overrides: Record<string, unknown>, embedded: boolean, env: Record<string, string | undefined> = process.env): JobsSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid jobs configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const limits = (overrides['jobs.publishLimits'] as Partial<PublishLimits> | undefined) ?? {};
  const refiner = 'jobs.llmRefiner' in overrides ? ((overrides['jobs.llmRefiner'] as LlmRefinerConfig | null) ?? undefined) : loadLlmRefinerConfig(env);
  return {
    publishLimits: {
      claimed: limits.claimed ?? parsed.data.OPENTRAIN_PUBLISH_LIMIT_CLAIMED,
      unclaimed: limits.unclaimed ?? parsed.data.OPENTRAIN_PUBLISH_LIMIT_UNCLAIMED,
    },
    llmRefiner: refiner,
    sandbox: (overrides['jobs.sandbox'] as boolean | undefined) ?? embedded,
  };
}
