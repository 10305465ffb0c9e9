/**
 * @module Starts TrainAR: database (PGlite in DATA_DIR/trainar, or DATABASE_URL schema `trainar`),
 * migrations, HTTP. On the embedded database the app holds the lock on DATA_DIR/trainar for its
 * lifetime (PGlite admits one process) and publishes its URL and an operator secret in
 * DATA_DIR/trainar.runtime.json, so trainar-admin goes through the running app instead of opening
 * the database a second time.
 */
import { join } from 'node:path';
import { assertMailDelivery, type BootOptions, bootApp, type Clock, createLogger, type Logger, type MetricsSettings, randomBase62, resolveDevMode, webhookUrlAllowance } from '@platform/kit';
import { removeRuntimeFile, writeRuntimeFile } from './admin/runtime-file';
import { buildTrainArApp, type TrainArMcpSettings } from './app';
import { loadTrainArServiceConfig } from './config';
import { integrationSettingsFromEnv } from './integrations';
import { trainarMigrations } from './migrations';
import type { TrainArSettings } from './platform/deps';

export interface StartTrainArOptions extends BootOptions {
  logger?: Logger;
  clock?: Clock;
  publicUrl?: string;
  /** Defaults come from TRAINAR_API_RATE_LIMIT and TRAINAR_INVITE_TTL_HOURS. */
  settings?: Partial<TrainArSettings>;
  /** Default: SMTP_URL (unset = sandbox outbox at /dev/mail). */
  smtpUrl?: string;
  /** Default: MAIL_FROM. */
  mailFrom?: string;
  /** Hosted MCP settings; defaults come from the TRAINAR_MCP_* variables. */
  mcp?: Partial<TrainArMcpSettings>;
  /** How long to wait for a trainar-admin command holding the data directory (default 30 s). */
  lockWaitMs?: number;
  /** Default: DEV_MODE (unset: loopback host and no databaseUrl). */
  devMode?: boolean;
  /** `GET /metrics`; defaults from METRICS_ENABLED / METRICS_TOKEN (on, loopback clients only). */
  metrics?: Partial<MetricsSettings>;
}

export async function startTrainAr(options: StartTrainArOptions) {
  const logger = options.logger ?? createLogger({ name: 'trainar' });
  const env = loadTrainArServiceConfig();
  const smtpUrl = options.smtpUrl ?? env.SMTP_URL;
  const devModeInput = { host: options.host, databaseUrl: options.databaseUrl, devMode: options.devMode ?? env.DEV_MODE };
  assertMailDelivery('TrainAR', { ...devModeInput, smtpUrl });
  const embedded = !options.database && !options.databaseUrl && options.dataDir !== undefined;
  const adminSecret = embedded ? randomBase62(43) : undefined;
  let listeningUrl = '';
  const urlAllowance = webhookUrlAllowance({ allowPrivate: env.ALLOW_PRIVATE_WEBHOOK_URLS, devMode: resolveDevMode(devModeInput) });
  const booted = await bootApp(
    {
      ...options,
      schema: 'trainar',
      dataDir: options.dataDir ? join(options.dataDir, 'trainar') : undefined,
      lockRole: 'trainar',
      // A trainar-admin command holds the directory for a few seconds: wait for it.
      lockWaitFor: ['trainar-admin'],
      lockWaitMs: options.lockWaitMs ?? 30_000,
    },
    trainarMigrations,
    (database) =>
      buildTrainArApp({
        database,
        logger,
        clock: options.clock,
        publicUrl: () => options.publicUrl ?? env.TRAINAR_PUBLIC_URL ?? listeningUrl,
        settings: {
          apiRateLimitPerMinute: env.TRAINAR_API_RATE_LIMIT,
          inviteTtlHours: env.TRAINAR_INVITE_TTL_HOURS,
          // Skill endpoints follow the webhook rule: one env, one policy.
          skillUrlAllowance: urlAllowance,
          webhookUrlAllowance: urlAllowance,
          webhookSecretKey: env.TRAINAR_SECRET_KEY ?? null,
          previousSecretKeys: env.TRAINAR_SECRET_KEY_PREVIOUS,
          integrations: integrationSettingsFromEnv(),
          ...options.settings,
        },
        smtpUrl,
        devMode: resolveDevMode(devModeInput),
        mailFrom: options.mailFrom ?? env.MAIL_FROM,
        adminSecret,
        mcp: {
          allowedHosts: env.TRAINAR_MCP_ALLOWED_HOSTS,
          allowedOrigins: env.TRAINAR_MCP_ALLOWED_ORIGINS,
          maxSseSessionsPerKey: env.TRAINAR_MCP_SSE_MAX_SESSIONS_PER_KEY,
          sseIdleTimeoutMs: env.TRAINAR_MCP_SSE_IDLE_TIMEOUT_SECONDS * 1000,
          ...options.mcp,
        },
        metrics: { enabled: env.METRICS_ENABLED, token: env.METRICS_TOKEN, ...options.metrics },
      }),
  );
  listeningUrl = booted.url;
  const dataDir = options.dataDir as string;
  if (embedded && adminSecret) writeRuntimeFile(dataDir, { url: booted.url, secret: adminSecret });
  return {
    ...booted,
    close: async () => {
      if (embedded) removeRuntimeFile(dataDir);
      await booted.close();
    },
  };
}
