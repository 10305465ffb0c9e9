/** @module OpenTrain configuration (environment variables, validated at start-up). */
import { envBoolean, envCommaList, envPort, loadConfig, metricsConfigSchema, z } from '@platform/kit';

export const DEFAULT_MAIL_FROM = 'OpenTrain <no-reply@opentrain.localhost>';

export const opentrainConfigSchema = z.object({
  OPENTRAIN_PORT: envPort.default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url({ message: 'expected a postgres:// URL' }).optional(),
  /** Public origin used in links (claim, approval, billing URLs); defaults to the listen address. */
  OPENTRAIN_PUBLIC_URL: z.string().url().optional(),
  /** `smtp://user:pass@host:port` or `smtps://…`: real mail; unset = sandbox outbox at /dev/mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'expected an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default(DEFAULT_MAIL_FROM),
  /** Anonymous agent registration (POST /api/agent/identity); off = 403 anonymous_not_enabled. */
  OPENTRAIN_ANONYMOUS_REGISTRATION: envBoolean.default(true),
  /** Dev conveniences (/dev/mail, sandbox marketplace, loopback webhooks); default: loopback HOST and no DATABASE_URL. */
  DEV_MODE: envBoolean.optional(),
  /** Hostnames (besides loopback and OPENTRAIN_PUBLIC_URL's) accepted in Host/Origin by /mcp; `*` = any. */
  OPENTRAIN_MCP_ALLOWED_HOSTS: envCommaList,
  OPENTRAIN_MCP_ALLOWED_ORIGINS: envCommaList,
  /** METRICS_ENABLED, METRICS_TOKEN: `GET /metrics` (docs/metrics.md). */
  ...metricsConfigSchema.shape,
});

export type OpenTrainConfig = z.output<typeof opentrainConfigSchema>;

export const loadOpenTrainConfig = (env: Record<string, string | undefined> = process.env) => loadConfig(opentrainConfigSchema, env);

/** The startOpenTrain options that come from the environment (npm start passes them through). */
export function openTrainEnvOptions(env: Record<string, string | undefined> = process.env) {
  const config = loadOpenTrainConfig(env);
  return {
    publicUrl: config.OPENTRAIN_PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    anonymousRegistration: config.OPENTRAIN_ANONYMOUS_REGISTRATION,
    devMode: config.DEV_MODE,
    mcp: { allowedHosts: config.OPENTRAIN_MCP_ALLOWED_HOSTS, allowedOrigins: config.OPENTRAIN_MCP_ALLOWED_ORIGINS },
    metrics: { enabled: config.METRICS_ENABLED, token: config.METRICS_TOKEN },
  };
}
