/** @module Builds the OpenTrain HTTP app: Public API from the operation registry, agent auth, discovery, pages. */
import { opentrainApi } from '@opentrain/api';
import {
  AppMetrics,
  type Clock,
  type Database,
  type HostedMcpAllowList,
  type Logger,
  type Mailer,
  type MetricsSettings,
  SmtpMailer,
  createApp,
  createMailer,
  createWorker,
  isReachable,
  migrationsApplied,
  mountDesignAssets,
  mountOperations,
  registerOutboxMetrics,
  registerWorkerMetrics,
  systemClock,
} from '@platform/kit';
import { DEFAULT_MAIL_FROM } from './config';
import type { OtDb } from './platform/db';
import { mountDiscovery } from './discovery/routes';
import { mountHostedMcp } from './mcp-http';
import { mountAgentAuth } from './identity/agent-auth-routes';
import { type OpenTrainLimits, resolveLimits } from './platform/limits';
import { composeModules } from './composition';
import { opentrainMigrations } from './migrations';
import { createPublicApi } from './public-api';
import { oldestUndeliveredWebhookEvent } from './webhooks';

export interface OpenTrainAppOptions {
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Origin used in links handed to agents and humans (known only once the server listens). */
  publicUrl: () => string;
  /** `smtp://…`: deliver mail over SMTP; unset = the sandbox outbox (shown at /dev/mail). */
  smtpUrl?: string;
  mailFrom?: string;
  /** A ready-made mailer (tests); wins over smtpUrl. */
  mailer?: Mailer;
  /** Anonymous agent registration; default on. */
  anonymousRegistration?: boolean;
  limits?: Partial<OpenTrainLimits>;
  /** Dev mode (see ServiceOptions.embedded); default true, as tests want. */
  embedded?: boolean;
  /** Per-domain settings overrides (each domain documents its keys). */
  settings?: Record<string, unknown>;
  /** Run the background worker (outbox jobs: webhooks, sandbox simulator, expiries); default true. Tests may drive `extra.worker.runOnce()` instead. */
  startWorker?: boolean;
  /** Hosted /mcp: hostnames accepted in Host/Origin besides loopback and publicUrl's (DNS-rebinding protection). */
  mcp?: Partial<HostedMcpAllowList>;
  /** `GET /metrics` (docs/metrics.md): default on, loopback clients only unless a token is set. */
  metrics?: Partial<MetricsSettings>;
}

export async function buildOpenTrainApp(options: OpenTrainAppOptions) {
  const { database, logger } = options;
  const clock = options.clock ?? systemClock;
  const metrics = (options.metrics?.enabled ?? true) ? new AppMetrics(logger) : undefined;
  const mailer = options.mailer ?? createMailer({ smtpUrl: options.smtpUrl, from: options.mailFrom ?? DEFAULT_MAIL_FROM, db: database.db, clock });
  const { modules, services } = composeModules({
    db: database.db as OtDb,
    clock,
    logger,
    mailer,
    limits: resolveLimits(options.limits),
    publicUrl: options.publicUrl,
    anonymousRegistration: options.anonymousRegistration ?? true,
    embedded: options.embedded ?? true,
    settings: metrics ? { webhookDeliveryObserver: metrics.webhookDelivery, ...options.settings } : options.settings,
  });
  const app = createApp({
    errorModel: opentrainApi.errorModel,
    logger,
    apiPrefixes: ['/api/public/', '/api/agent/'],
    ready: async () => (await isReachable(database.db)) && (await migrationsApplied(database.db, opentrainMigrations, database.schema)),
    metrics: metrics && { metrics, token: options.metrics?.token },
  });
  const publicApi = createPublicApi(services, modules);
  // The human pages of the web module (`/`, `/account/*`…) come after every other route, as they always have.
  const [pages, others] = [modules.filter((m) => m.name === 'web'), modules.filter((m) => m.name !== 'web')];
  mountDiscovery(app, options.publicUrl);
  mountAgentAuth(app, services);
  for (const module of others) module.mount?.(app);
  mountOperations(app, publicApi, { metrics });
  mountHostedMcp(app, publicApi, { logger, publicUrl: options.publicUrl, allowList: { allowedHosts: [], allowedOrigins: [], ...options.mcp }, metrics });
  mountDesignAssets(app);
  for (const module of pages) module.mount?.(app);
  for (const module of modules) await module.start?.();
  const handlers = Object.assign({}, ...modules.map((m) => m.jobHandlers ?? {}));
  const worker = createWorker({ db: database.db, clock, logger, handlers });
  if (metrics) {
    registerWorkerMetrics(metrics, worker);
    registerOutboxMetrics(metrics, { db: database.db, jobKinds: Object.keys(handlers), now: () => clock.now(), oldestUndeliveredEvent: oldestUndeliveredWebhookEvent });
  }
  if (options.startWorker ?? true) worker.start();
  return {
    app,
    extra: { clock, services, publicApi, worker, metrics },
    stop: async () => {
      await worker.stop();
      for (const module of modules) await module.stop?.();
      await services.limiter.close();
      if (mailer instanceof SmtpMailer && !options.mailer) mailer.close();
    },
  };
}
