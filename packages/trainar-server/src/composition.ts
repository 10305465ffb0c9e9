/**
 * @module The composition root: builds every module in dependency order, handing each the ports it
 * declares (its `ports.ts`) from the modules built before it. Nothing else wires modules together;
 * no module imports this file (scripts/boundaries.test.ts).
 */
import { type AccountServices, createAccountModule } from './account';
import { type ApiKeysServices, createApiKeysModule } from './api-keys';
import { type BillingServices, createBillingModule } from './billing';
import { createDashboardModule } from './dashboard';
import { createDevicesModule, type DevicesServices } from './devices';
import { createIntegrationsModule, type IntegrationsServices, queueWriteback } from './integrations';
import { createKnowledgeModule, type KnowledgeServices } from './knowledge';
import type { PlatformServices } from './platform/context';
import { createReportsModule, type ReportsServices } from './reports';
import { countSeats, createSeatsModule, type SeatsServices } from './seats';
import { createSessionsModule, HEARTBEAT_INTERVAL_SECONDS, SESSION_SILENCE_TIMEOUT_SECONDS, type SessionsServices, sessionTasksFrom } from './sessions';
import { createSkillsModule, type SkillsServices, seatContextFrom, systemSkillsWith } from './skills';
import { createTasksModule, type TasksServices } from './tasks';
import { createTenantsModule, type TenantsServices } from './tenants';
import { createUsersModule, type UsersServices } from './users';
import { createWebhooksModule, type WebhooksServices } from './webhooks';

/**
 * Every module's services in one object: for the test harness, the operator CLI and scripts only.
 * A module's handlers and pages never see it: each gets its own module's services.
 */
export type AppServices = TenantsServices &
  UsersServices &
  AccountServices &
  ApiKeysServices &
  WebhooksServices &
  TasksServices &
  KnowledgeServices &
  IntegrationsServices &
  BillingServices &
  SeatsServices &
  DevicesServices &
  SessionsServices &
  SkillsServices &
  ReportsServices & {
    /** The platform the modules were built with (the dashboard module's `deps`). */
    deps: PlatformServices;
  };

export function composeModules(platform: PlatformServices) {
  const tenants = createTenantsModule(platform);
  const users = createUsersModule(platform);
  const account = createAccountModule(platform);
  const apiKeys = createApiKeysModule(platform);
  const webhooks = createWebhooksModule(platform);
  const tasks = createTasksModule(platform, { users: users.services.users });
  const knowledge = createKnowledgeModule(platform);
  const integrations = createIntegrationsModule(platform, {
    tasks: tasks.services.tasks,
    usersByEmail: (tenantId, emails) => users.services.users.activeIdsByEmail(tenantId, emails),
    // Late-bound: sessions is built below (a finished session queues integrations' write-back note).
    session: (tenantId, sessionId) => sessions.services.sessions.getWithUserEmail(tenantId, sessionId),
  });
  // Billing bounds seats (SeatAllowance) and counts them (SeatsInUse) before a seat reduction.
  const billing = createBillingModule(platform, { seats: { count: countSeats }, admins: users.services.users });
  const seats = createSeatsModule(platform, {
    allowance: billing.services.billing,
    // Late-bound: devices is built next, from the seats it pairs glasses with.
    deviceRelease: { releaseSeat: (trx, tenantId, seatId) => devices.services.devices.releaseSeat(trx, tenantId, seatId) },
    pairing: { generatePairingCode: (tenantId, seatId) => devices.services.devices.generatePairingCode(tenantId, seatId) },
    users: users.services.users,
  });
  const devices = createDevicesModule(platform, {
    seats: seats.services.seats,
    sessionTimings: { heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS, sessionTimeoutSeconds: SESSION_SILENCE_TIMEOUT_SECONDS },
  });
  // Sessions burn the tenant's minute pool when their clock stops (billing's MinutesMeter); a
  // finished session on an imported task queues the integration's write-back note.
  const sessions = createSessionsModule(platform, {
    tasks: sessionTasksFrom(tasks.services.tasks, (trx, tenantId, taskId, sessionId) => queueWriteback(integrations.services.integrations, trx, tenantId, taskId, sessionId)),
    minutes: billing.services.billing.pool,
    devices: devices.services.devices,
    seats: seats.services.seats,
  });
  const skills = createSkillsModule(platform, {
    seats: seatContextFrom(async (tenantId) => (await seats.services.seats.list(tenantId, { status: 'active' })).seats),
    systemSkills: systemSkillsWith((tenantId, input) => knowledge.services.knowledge.search(tenantId, input)),
  });
  const reports = createReportsModule(platform, { billing: billing.services.billing });
  const dashboard = createDashboardModule(platform, { users: users.services.users, tenants: tenants.services.tenants, account: account.services.account });

  // Module order: dependencies first (also the order their pages and routes are mounted in).
  const modules = [tenants, users, account, apiKeys, webhooks, tasks, knowledge, integrations, billing, seats, devices, sessions, skills, reports, dashboard] as const;
  const services: AppServices = Object.assign({}, ...modules.map((m) => m.services));
  return { platform, modules, services };
}
