/**
 * @module Builds the TrainAR HTTP app: the Tenant REST API from the operation registry (under /v1,
 * with its OpenAPI document), hosted MCP at /mcp (Streamable HTTP) and /sse (legacy HTTP+SSE), the dashboard, the sandbox mail page and, when the
 * app owns an embedded data directory, the loopback operator endpoint used by trainar-admin.
 */
import {
  type Clock,
  type Database,
  type Logger,
  RateLimiter,
  SessionStore,
  SmtpMailer,
  buildOpenApi,
  createApp,
  createHostedMcp,
  createSseMcp,
  hostnameOf,
  mcpRequestGuard,
  createMailer,
  isReachable,
  migrationsApplied,
  mountOperations,
  systemClock,
} from '@platform/kit';
import { TRAINAR_VERSION, trainarApi, trainarErrorSchema } from '@trainar/api';
import { mountAdminEndpoint } from './admin/admin-endpoint';
import { mountDashboard } from './dashboard/index';
import { SESSION_COOKIE, SESSION_TTL_MS } from './dashboard/session';
import { mountDevMailPage } from './dashboard/dev-mail-page';
import type { TrainArDb } from './db';
import { defaultSettings, type TrainArSettings } from './deps';
import { trainarMigrations } from './migrations';
import { createTrainArOperationServer } from './operation-server';
import { createServices } from './services';

export interface TrainArAppOptions {
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Origin used in links handed to agents and humans (known only once the server listens). */
  publicUrl: () => string;
  settings?: Partial<TrainArSettings>;
  /** SMTP when set; otherwise the sandbox outbox at /dev/mail. */
  smtpUrl?: string;
  mailFrom?: string;
  /** Enables POST /_admin/commands/* (loopback only) for trainar-admin while the app owns the data directory. */
  adminSecret?: string;
  mcp?: Partial<TrainArMcpSettings>;
}

/** Hosted MCP (/mcp and the legacy /sse): DNS-rebinding allow-lists and SSE session limits. */
export interface TrainArMcpSettings {
  /** Hostnames accepted in Host besides loopback and the public URL's; `*` accepts any. */
  allowedHosts: string[];
  /** Hostnames accepted in Origin (browser requests) besides loopback and the public URL's; `*` accepts any. */
  allowedOrigins: string[];
  maxSseSessionsPerKey: number;
  sseIdleTimeoutMs: number;
  sseKeepAliveMs?: number;
}

export async function buildTrainArApp(options: TrainArAppOptions) {
  const { database, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = database.db as unknown as TrainArDb;
  const mailer = createMailer({ smtpUrl: options.smtpUrl, from: options.mailFrom ?? 'TrainAR <no-reply@trainar.localhost>', db: database.db, clock });
  const settings: TrainArSettings = { ...defaultSettings, ...options.settings };
  const services = createServices({ db, clock, mailer, logger, publicUrl: options.publicUrl, settings });
  const limiter = new RateLimiter(database.db, clock);
  const server = createTrainArOperationServer(services, limiter);

  const app = createApp({
    errorModel: trainarApi.errorModel,
    logger,
    apiPrefixes: ['/v1/', '/_admin/'],
    ready: async () => (await isReachable(database.db)) && (await migrationsApplied(database.db, trainarMigrations)),
  });
  let openapi: Record<string, unknown> | undefined;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= buildOpenApi(trainarApi, {
      serverUrl: options.publicUrl(),
      errorSchema: trainarErrorSchema,
      description: 'TrainAR Tenant REST API. Authenticate with Authorization: Bearer tak_…; single resources are addressed with query parameters (?user_id=).',
    });
    return c.json(openapi);
  });
  const mcpSettings = { allowedHosts: [], allowedOrigins: [], maxSseSessionsPerKey: 10, sseIdleTimeoutMs: 15 * 60_000, ...options.mcp };
  const publicHost = () => [hostnameOf(options.publicUrl()) ?? ''];
  const guard = mcpRequestGuard({
    errorModel: trainarApi.errorModel,
    allowedHosts: () => [...publicHost(), ...mcpSettings.allowedHosts],
    allowedOrigins: () => [...publicHost(), ...mcpSettings.allowedOrigins],
    hint: 'Set TRAINAR_PUBLIC_URL to the public address, or list the name in TRAINAR_MCP_ALLOWED_HOSTS / TRAINAR_MCP_ALLOWED_ORIGINS.',
  });
  // The seed's documented endpoint is the legacy HTTP+SSE transport at /sse; /mcp is Streamable HTTP.
  const sse = createSseMcp(server, {
    name: 'trainar',
    version: TRAINAR_VERSION,
    maxSessionsPerCredential: mcpSettings.maxSseSessionsPerKey,
    idleTimeoutMs: mcpSettings.sseIdleTimeoutMs,
    keepAliveMs: mcpSettings.sseKeepAliveMs,
  });
  for (const path of ['/mcp', '/sse', '/messages']) app.use(path, guard);
  app.all('/mcp', createHostedMcp(server, { name: 'trainar', version: TRAINAR_VERSION, requireAuth: true }));
  app.get('/sse', sse.connect);
  app.post('/messages', sse.message);
  mountOperations(app, server);
  const sessions = new SessionStore(database.db, clock, { cookieName: SESSION_COOKIE, ttlMs: SESSION_TTL_MS });
  mountDashboard(app, { services, sessions, limiter, sandboxMail: mailer.kind === 'sandbox' });
  if (mailer.kind === 'sandbox') mountDevMailPage(app, database.db);
  if (options.adminSecret) mountAdminEndpoint(app, services, options.adminSecret);

  return {
    app,
    extra: { clock, services, server, mailer, sse },
    stop: async () => {
      sse.closeAll();
      if (mailer instanceof SmtpMailer) mailer.close();
    },
  };
}
