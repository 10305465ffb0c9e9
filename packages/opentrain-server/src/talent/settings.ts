/**
 * @module Talent settings: the sandbox marketplace switch and its pace. Environment variables are
 * validated at start-up; `services.settings` overrides (tests, start script) win over them.
 *
 * | Variable | Override key | Default |
 * |---|---|---|
 * | `SANDBOX_MARKETPLACE` (on/off) | `sandboxMarketplace` (boolean) | on for the embedded quick start, off with DATABASE_URL |
 * | `SANDBOX_APPLY_DELAY_SECONDS` | `sandboxApplyDelaySeconds` | 30: the n-th simulated applicant arrives n × 30 s after publishing |
 * | `SANDBOX_APPLICANTS_PER_JOB` | `sandboxApplicantsPerJob` | 8 |
 * | `SANDBOX_POPULATION_SIZE` | `sandboxPopulationSize` | 300 |
 * | – | `sandboxApplyMode` (`scheduled` \| `immediate`) | scheduled (background jobs); immediate applies inside the publish listener (tests) |
 */
import { envBoolean, loadConfig, z } from '@platform/kit';

export const DEFAULT_POPULATION_SIZE = 300;
export const DEFAULT_POPULATION_SEED = 20260;

const envSchema = z.object({
  SANDBOX_MARKETPLACE: envBoolean.optional(),
  SANDBOX_APPLY_DELAY_SECONDS: z.coerce.number({ message: 'expected a number of seconds' }).int().min(0).max(86_400).optional(),
  SANDBOX_APPLICANTS_PER_JOB: z.coerce.number({ message: 'expected a whole number' }).int().min(0).max(50).optional(),
  SANDBOX_POPULATION_SIZE: z.coerce.number({ message: 'expected a whole number' }).int().min(0).max(5000).optional(),
});

const overridesSchema = z.object({
  sandboxMarketplace: z.boolean().optional(),
  sandboxApplyMode: z.enum(['scheduled', 'immediate']).optional(),
  sandboxApplyDelaySeconds: z.number().int().min(0).max(86_400).optional(),
  sandboxApplicantsPerJob: z.number().int().min(0).max(50).optional(),
  sandboxPopulationSize: z.number().int().min(0).max(5000).optional(),
});

export interface TalentSettings {
  sandboxMarketplace: boolean;
  applyMode: 'scheduled' | 'immediate';
  applyDelaySeconds: number;
  applicantsPerJob: number;
  populationSize: number;
}

export function resolveTalentSettings(options: { embedded: boolean; settings: Record<string, unknown> }, env: Record<string, string | undefined> = process.env): TalentSettings {
  const fromEnv = loadConfig(envSchema, env);
  const picked = Object.fromEntries(
    Object.keys(overridesSchema.shape)
      .filter((k) => k in options.settings)
      .map((k) => [k, options.settings[k]]),
  );
  const overrides = overridesSchema.parse(picked);
  return {
    sandboxMarketplace: overrides.sandboxMarketplace ?? fromEnv.SANDBOX_MARKETPLACE ?? options.embedded,
    applyMode: overrides.sandboxApplyMode ?? 'scheduled',
    applyDelaySeconds: overrides.sandboxApplyDelaySeconds ?? fromEnv.SANDBOX_APPLY_DELAY_SECONDS ?? 30,
    applicantsPerJob: overrides.sandboxApplicantsPerJob ?? fromEnv.SANDBOX_APPLICANTS_PER_JOB ?? 8,
    populationSize: overrides.sandboxPopulationSize ?? fromEnv.SANDBOX_POPULATION_SIZE ?? DEFAULT_POPULATION_SIZE,
  };
}
