/** @module TrainAR configuration (environment variables, validated at start-up). */
import { envBoolean, envCommaList, envPort, loadConfig, metricsConfigSchema, z } from '@platform/kit';

export const trainarConfigSchema = z.object({
  TRAINAR_PORT: envPort.default(3100),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url({ message: 'expected a postgres:// URL' }).optional(),
  /** Public origin used in links (claim, approval, billing URLs); defaults to the listen address. */
  TRAINAR_PUBLIC_URL: z.string().url().optional(),
});

export type TrainArConfig = z.output<typeof trainarConfigSchema>;

export const loadTrainArConfig = (env: Record<string, string | undefined> = process.env) => loadConfig(trainarConfigSchema, env);

/** Service settings read by startTrainAr and trainar-admin (explicit options win). */
export const trainarServiceConfigSchema = z.object({
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('TrainAR <no-reply@trainar.localhost>'),
  TRAINAR_API_RATE_LIMIT: z.coerce.number({ message: 'expected a number of requests per minute' }).int().min(0).default(600),
  TRAINAR_INVITE_TTL_HOURS: z.coerce.number({ message: 'expected a number of hours' }).int().min(1).max(24 * 90).default(168),
  /** Dev conveniences (/dev/mail); default: loopback HOST and no DATABASE_URL. */
  DEV_MODE: envBoolean.optional(),
  TRAINAR_PUBLIC_URL: z.string().url().optional(),
  /** Hostnames (besides loopback and TRAINAR_PUBLIC_URL's) accepted in Host/Origin by /mcp and /sse; `*` = any. */
  TRAINAR_MCP_ALLOWED_HOSTS: envCommaList,
  TRAINAR_MCP_ALLOWED_ORIGINS: envCommaList,
  TRAINAR_MCP_SSE_MAX_SESSIONS_PER_KEY: z.coerce.number({ message: 'expected a number of sessions' }).int().min(1).max(10_000).default(10),
  TRAINAR_MCP_SSE_IDLE_TIMEOUT_SECONDS: z.coerce.number({ message: 'expected a number of seconds' }).int().min(10).max(24 * 3600).default(900),
  /** 1 = webhooks and skill endpoints may target private and loopback addresses (and http); 0 = public https only; unset = loopback in dev mode. */
  ALLOW_PRIVATE_WEBHOOK_URLS: envBoolean.optional(),
  /** Seals webhook signing secrets at rest (AES-256-GCM); at least 32 characters. */
  TRAINAR_SECRET_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  /** Keys rotated away from (comma-separated): still open what they sealed; start-up reseals it under TRAINAR_SECRET_KEY. */
  TRAINAR_SECRET_KEY_PREVIOUS: envCommaList.refine((keys) => keys.every((k) => k.length >= 32), { message: 'every key must be at least 32 characters' }),
  /** METRICS_ENABLED, METRICS_TOKEN: `GET /metrics` (docs/metrics.md). */
  ...metricsConfigSchema.shape,
});

export type TrainArServiceConfig = z.output<typeof trainarServiceConfigSchema>;

export const loadTrainArServiceConfig = (env: Record<string, string | undefined> = process.env) => loadConfig(trainarServiceConfigSchema, env);
