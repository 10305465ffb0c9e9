/**
 * @module Builds the TrainAR HTTP app: the Tenant REST API from the operation registry (under /v1,
 * with its OpenAPI document), hosted MCP at /mcp (Streamable HTTP) and /sse (legacy HTTP+SSE), the dashboard, the sandbox mail page and, when the
 * app owns an embedded data directory, the loopback operator endpoint used by trainar-admin.
 */
import {
  AppMetrics,
  type Clock,
  createApp,
  createHostedMcp,
  createMailer,
  createSseMcp,
  createWorker,
  type Database,
  GuessThrottle,
  type HostedMcpAllowList,
  hostedMcpGuard,
  isReachable,
  type Logger,
  type MetricsSettings,
  migrationsApplied,
  mountDesignAssets,
  mountOperations,
  RateLimiter,
  registerOutboxMetrics,
  registerWorkerMetrics,
  SessionStore,
  SmtpMailer,
  systemClock,
  UNTRUSTED_DATA_NOTICE,
} from '@platform/kit';
import { TRAINAR_VERSION, trainarApi } from '@trainar/api';
import { mountAdminEndpoint } from './admin/admin-endpoint';
import { mountBillingCheckout, registerMinutePoolMetrics } from './billing';
import { composeModules } from './composition';
import { trainarJobHandlers } from './jobs';
import { KNOWLEDGE_UPLOAD_PATHS, knowledgeBodyLimit } from './knowledge';
import { trainarMigrations } from './migrations';
import { trainarOpenApi } from './openapi';
import { createTrainArOperationServer } from './operation-server';
import { mountDashboard } from './pages';
import type { TrainArDb } from './platform/db';
import { defaultSettings, type TrainArSettings } from './platform/deps';
import { SESSION_COOKIE, SESSION_TTL_MS } from './platform/session';
import { oldestUndeliveredWebhookEvent } from './webhooks';

export interface TrainArAppOptions {
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Origin used in links handed to agents and humans (known only once the server listens). */
  publicUrl: () => string;
  settings?: Partial<TrainArSettings>;
  /** SMTP when set; otherwise the sandbox outbox (shown at /dev/mail in dev mode). */
  smtpUrl?: string;
  /** Dev mode (kit `resolveDevMode`): serves /dev/mail when mail goes to the sandbox. Default true, as tests want. */
  devMode?: boolean;
  mailFrom?: string;
  /** Enables POST /_admin/commands/* (loopback only) for trainar-admin while the app owns the data directory. */
  adminSecret?: string;
  mcp?: Partial<TrainArMcpSettings>;
  /** Runs the background job worker (webhook deliveries, processing, timeouts). Default true. */
  startWorker?: boolean;
  /** `GET /metrics` (docs/metrics.md): default on, loopback clients only unless a token is set. */
  metrics?: Partial<MetricsSettings>;
}

/** Hosted MCP (/mcp and the legacy /sse): DNS-rebinding allow-lists and SSE session limits. */
export interface TrainArMcpSettings extends HostedMcpAllowList {
  maxSseSessionsPerKey: number;
  sseIdleTimeoutMs: number;
  sseKeepAliveMs?: number;
}

export async function buildTrainArApp(options: TrainArAppOptions) {
  const { database, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = database.db as unknown as TrainArDb;
  const mailer = createMailer({ smtpUrl: options.smtpUrl, from: options.mailFrom ?? 'TrainAR <no-reply@trainar.localhost>', db: database.db, clock });
  const metrics = (options.metrics?.enabled ?? true) ? new AppMetrics(logger) : undefined;
  const settings: TrainArSettings = { ...defaultSettings, onWebhookDelivery: metrics?.webhookDelivery, ...options.settings };
  const { modules, services } = composeModules({ db, clock, mailer, logger, publicUrl: options.publicUrl, settings });
  const limiter = new RateLimiter(database.db, clock);
  const server = createTrainArOperationServer(modules, services, limiter);

  const app = createApp({
    errorModel: trainarApi.errorModel,
    logger,
    apiPrefixes: ['/v1/', '/_admin/'],
    // Knowledge uploads carry base64 files in JSON (REST, MCP tools) or a form: only they take large bodies.
    largeBodies: { maxBytes: knowledgeBodyLimit(services.knowledge.options.maxFileBytes), paths: KNOWLEDGE_UPLOAD_PATHS },
    ready: async () => (await isReachable(database.db)) && (await migrationsApplied(database.db, trainarMigrations, database.schema)),
    metrics: metrics && { metrics, token: options.metrics?.token },
  });
  let openapi: Record<string, unknown> | undefined;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= trainarOpenApi(options.publicUrl());
    return c.json(openapi);
  });
  const mcpSettings = { allowedHosts: [], allowedOrigins: [], maxSseSessionsPerKey: 10, sseIdleTimeoutMs: 15 * 60_000, ...options.mcp };
  const guard = hostedMcpGuard({
    errorModel: trainarApi.errorModel,
    publicUrl: options.publicUrl,
    allowList: mcpSettings,
    hint: 'Set TRAINAR_PUBLIC_URL to the public address, or list the name in TRAINAR_MCP_ALLOWED_HOSTS / TRAINAR_MCP_ALLOWED_ORIGINS.',
  });
  // The seed's documented endpoint is the legacy HTTP+SSE transport at /sse; /mcp is Streamable HTTP.
  const instructions = `TrainAR: manage a tenant's AR training workforce. ${UNTRUSTED_DATA_NOTICE}`;
  const sse = createSseMcp(server, {
    name: 'trainar',
    version: TRAINAR_VERSION,
    instructions,
    logger,
    maxSessionsPerCredential: mcpSettings.maxSseSessionsPerKey,
    idleTimeoutMs: mcpSettings.sseIdleTimeoutMs,
    keepAliveMs: mcpSettings.sseKeepAliveMs,
    metrics,
  });
  for (const path of ['/mcp', '/sse', '/messages']) app.use(path, guard);
  app.all('/mcp', createHostedMcp(server, { name: 'trainar', version: TRAINAR_VERSION, instructions, requireAuth: true, logger, metrics }));
  app.get('/sse', sse.connect);
  app.post('/messages', sse.message);
  mountOperations(app, server, { metrics });
  // Plain routes outside the registry: the device API (devices: pairing; sessions: session routes).
  for (const module of modules) module.mountRoutes?.(app, limiter);
  const sessions = new SessionStore(database.db, clock, { cookieName: SESSION_COOKIE, ttlMs: SESSION_TTL_MS });
  mountDesignAssets(app);
  const devMail = mailer.kind === 'sandbox' && (options.devMode ?? true);
  mountDashboard(app, { sessions, limiter, sandboxMail: devMail, db, touchUser: (userId) => services.users.touch(userId) }, modules);
  mountBillingCheckout(app, services.billing, new GuessThrottle(limiter, 'tak:bad-webhook-signature', settings.secretGuessesPerIp));
  if (options.adminSecret) mountAdminEndpoint(app, services, options.adminSecret, new GuessThrottle(limiter, 'tak:bad-operator-secret', settings.secretGuessesPerIp));
  for (const module of modules) await module.start?.();
  const handlers = trainarJobHandlers(modules);
  const worker = createWorker({ db: database.db, clock, logger, handlers });
  if (metrics) {
    registerWorkerMetrics(metrics, worker);
    registerOutboxMetrics(metrics, { db: database.db, jobKinds: Object.keys(handlers), now: () => clock.now(), oldestUndeliveredEvent: oldestUndeliveredWebhookEvent });
    registerMinutePoolMetrics(metrics, db);
  }
  if (options.startWorker ?? true) worker.start();

  return {
    app,
    extra: { clock, services, server, mailer, limiter, sse, worker, metrics },
    stop: async () => {
      await worker.stop();
      for (const module of modules) await module.stop?.();
      sse.closeAll();
      await limiter.close();
      if (mailer instanceof SmtpMailer) mailer.close();
    },
  };
}
