/**
 * @module Builds the TrainAR HTTP app: the Tenant REST API from the operation registry (under /v1,
 * with its OpenAPI document), hosted MCP at /mcp, the dashboard, the sandbox mail page and, when the
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
  /** SMTP when set; otherwise the sandbox outbox (shown at /dev/mail in dev mode). */
  smtpUrl?: string;
  /** Dev mode (kit `resolveDevMode`): serves /dev/mail when mail goes to the sandbox. Default true, as tests want. */
  devMode?: boolean;
  mailFrom?: string;
  /** Enables POST /_admin/commands/* (loopback only) for trainar-admin while the app owns the data directory. */
  adminSecret?: string;
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
    ready: async () => (await isReachable(database.db)) && (await migrationsApplied(database.db, trainarMigrations, database.schema)),
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
  app.all('/mcp', createHostedMcp(server, { name: 'trainar', version: TRAINAR_VERSION, requireAuth: true }));
  mountOperations(app, server);
  const sessions = new SessionStore(database.db, clock, { cookieName: SESSION_COOKIE, ttlMs: SESSION_TTL_MS });
  const devMail = mailer.kind === 'sandbox' && (options.devMode ?? true);
  mountDashboard(app, { services, sessions, limiter, sandboxMail: devMail });
  if (devMail) mountDevMailPage(app, database.db);
  if (options.adminSecret) mountAdminEndpoint(app, services, options.adminSecret);

  return {
    app,
    extra: { clock, services, server, mailer },
    stop: async () => {
      if (mailer instanceof SmtpMailer) mailer.close();
    },
  };
}
