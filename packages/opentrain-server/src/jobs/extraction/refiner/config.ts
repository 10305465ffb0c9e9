/**
 * Configuration of the optional LLM refiner, read from the environment:
 *   OPENTRAIN_LLM_BASE_URL    OpenAI-compatible API root, e.g. https://api.openai.com/v1 or
 *                             http://127.0.0.1:11434/v1 (the refiner POSTs to <base>/chat/completions)
 *   OPENTRAIN_LLM_MODEL       model name sent in the request (required with the base URL)
 *   OPENTRAIN_LLM_API_KEY     bearer token (optional: local servers often need none)
 *   OPENTRAIN_LLM_TIMEOUT_MS  whole-call time box, 100–30000, default 8000
 * Neither base URL nor model set → the refiner is disabled (the default).
 */
import { z } from 'zod';

export interface LlmRefinerConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export const DEFAULT_REFINER_TIMEOUT_MS = 8_000;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  OPENTRAIN_LLM_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  OPENTRAIN_LLM_MODEL: z.preprocess(blankToUndefined, z.string().min(1).max(200).optional()),
  OPENTRAIN_LLM_API_KEY: z.preprocess(blankToUndefined, z.string().min(1).optional()),
  OPENTRAIN_LLM_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).max(30_000).optional()),
});

/** The refiner configuration, or undefined when it is not configured. Throws on invalid values. */
export function loadLlmRefinerConfig(env: Record<string, string | undefined> = process.env): LlmRefinerConfig | undefined {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid LLM refiner configuration: ${problems}`);
  }
  const { OPENTRAIN_LLM_BASE_URL: baseUrl, OPENTRAIN_LLM_MODEL: model, OPENTRAIN_LLM_API_KEY: apiKey } = parsed.data;
  if (!baseUrl && !model) return undefined;
  if (!baseUrl || !model) {
    throw new Error('Invalid LLM refiner configuration: set both OPENTRAIN_LLM_BASE_URL and OPENTRAIN_LLM_MODEL, or neither.');
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model,
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: parsed.data.OPENTRAIN_LLM_TIMEOUT_MS ?? DEFAULT_REFINER_TIMEOUT_MS,
  };
}
