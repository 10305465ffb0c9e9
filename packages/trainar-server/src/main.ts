/**
 * @module Starts TrainAR: database (PGlite in DATA_DIR/trainar, or DATABASE_URL schema `trainar`),
 * migrations, HTTP. On the embedded database the app holds DATA_DIR/trainar.runtime.json for its
 * lifetime (PGlite admits one process) and publishes its URL and an operator secret there, so
 * trainar-admin goes through the running app instead of opening the database a second time.
 */
import { join } from 'node:path';
import { type BootOptions, type Clock, type Logger, bootApp, createLogger, randomBase62 } from '@platform/kit';
import { acquireLock, type DataDirLock } from './admin/runtime-file';
import { buildTrainArApp, type TrainArMcpSettings } from './app';
import { loadTrainArServiceConfig } from './config';
import type { TrainArSettings } from './deps';
import { trainarMigrations } from './migrations';

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
}

export async function startTrainAr(options: StartTrainArOptions) {
  const logger = options.logger ?? createLogger({ name: 'trainar' });
  const env = loadTrainArServiceConfig();
  const embedded = !options.database && !options.databaseUrl && options.dataDir !== undefined;
  const lock: DataDirLock | null = embedded ? await acquireLock(options.dataDir as string, 'app', options.lockWaitMs ?? 30_000) : null;
  const adminSecret = lock ? randomBase62(43) : undefined;
  let listeningUrl = '';
  try {
    const booted = await bootApp(
      { ...options, schema: 'trainar', dataDir: options.dataDir ? join(options.dataDir, 'trainar') : undefined },
      trainarMigrations,
      (database) =>
        buildTrainArApp({
          database,
          logger,
          clock: options.clock,
          publicUrl: () => options.publicUrl ?? env.TRAINAR_PUBLIC_URL ?? listeningUrl,
          settings: { apiRateLimitPerMinute: env.TRAINAR_API_RATE_LIMIT, inviteTtlHours: env.TRAINAR_INVITE_TTL_HOURS, ...options.settings },
          smtpUrl: options.smtpUrl ?? env.SMTP_URL,
          mailFrom: options.mailFrom ?? env.MAIL_FROM,
          adminSecret,
          mcp: {
            allowedHosts: env.TRAINAR_MCP_ALLOWED_HOSTS,
            allowedOrigins: env.TRAINAR_MCP_ALLOWED_ORIGINS,
            maxSseSessionsPerKey: env.TRAINAR_MCP_SSE_MAX_SESSIONS_PER_KEY,
            sseIdleTimeoutMs: env.TRAINAR_MCP_SSE_IDLE_TIMEOUT_SECONDS * 1000,
            ...options.mcp,
          },
        }),
    );
    listeningUrl = booted.url;
    lock?.update({ url: booted.url, secret: adminSecret });
    return {
      ...booted,
      close: async () => {
        try {
          await booted.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
