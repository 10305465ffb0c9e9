/**
 * @module Starts OpenTrain: data-directory lock (embedded), database (PGlite in DATA_DIR/opentrain, or
 * DATABASE_URL schema `opentrain`), migrations, HTTP.
 */
import { join } from 'node:path';
import { type BootOptions, type Clock, type HostedMcpAllowList, type Logger, type Mailer, type MetricsSettings, assertMailDelivery, bootApp, createLogger, resolveDevMode } from '@platform/kit';
import { buildOpenTrainApp } from './app';
import type { OpenTrainLimits } from './platform/limits';
import { opentrainMigrations } from './migrations';

export interface StartOpenTrainOptions extends BootOptions {
  logger?: Logger;
  clock?: Clock;
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  mailer?: Mailer;
  anonymousRegistration?: boolean;
  limits?: Partial<OpenTrainLimits>;
  /** Per-domain settings overrides (see each domain's module). */
  settings?: Record<string, unknown>;
  startWorker?: boolean;
  /** DEV_MODE: forces dev conveniences on or off (default: loopback host and no databaseUrl). */
  devMode?: boolean;
  /** Hosted /mcp DNS-rebinding allow-lists (OPENTRAIN_MCP_ALLOWED_HOSTS / _ORIGINS); loopback and publicUrl's host are always allowed. */
  mcp?: Partial<HostedMcpAllowList>;
  /** `GET /metrics`: METRICS_ENABLED / METRICS_TOKEN through openTrainEnvOptions (default on, loopback only). */
  metrics?: Partial<MetricsSettings>;
}

export async function startOpenTrain(options: StartOpenTrainOptions) {
  const logger = options.logger ?? createLogger({ name: 'opentrain' });
  const devModeInput = { host: options.host, databaseUrl: options.databaseUrl, devMode: options.devMode };
  if (!options.mailer) assertMailDelivery('OpenTrain', { ...devModeInput, smtpUrl: options.smtpUrl });
  let listeningUrl = '';
  const booted = await bootApp(
    { ...options, schema: 'opentrain', dataDir: options.dataDir ? join(options.dataDir, 'opentrain') : undefined, lockRole: 'opentrain' },
    opentrainMigrations,
    (database) =>
      buildOpenTrainApp({
        database,
        logger,
        clock: options.clock,
        publicUrl: () => options.publicUrl ?? listeningUrl,
        smtpUrl: options.smtpUrl,
        mailFrom: options.mailFrom,
        mailer: options.mailer,
        anonymousRegistration: options.anonymousRegistration,
        limits: options.limits,
        embedded: resolveDevMode(devModeInput),
        settings: options.settings,
        startWorker: options.startWorker,
        mcp: options.mcp,
        metrics: options.metrics,
      }),
  );
  listeningUrl = booted.url;
  return booted;
}

export type OpenTrainServer = Awaited<ReturnType<typeof startOpenTrain>>;
