/**
 * @module Configuration from environment variables, validated at start-up with a message that
 * names every bad variable and what it expects.
 */
import { z } from 'zod';

export class ConfigError extends Error {}

export function loadConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  const relevant = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** `1`/`true`/`yes`/`on` → true; `0`/`false`/`no`/`off` → false. */
export const envBoolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { message: 'expected 1/0, true/false, yes/no or on/off' })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

export const envPort = z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535);

/** `a, b,c` → `['a', 'b', 'c']` (blanks dropped); unset → `[]`. */
export const envCommaList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
