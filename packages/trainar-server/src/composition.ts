/**
 * @module The composition root: builds every module in dependency order, handing each the ports it
 * declares (its `ports.ts`) from the modules built before it. Nothing else wires modules together;
 * no module imports this file (scripts/boundaries.test.ts).
 */
import { type AccountServices, createAccountModule } from './account';
import { type ApiKeysServices, createApiKeysModule } from './api-keys';
import { type BillingServices, createBillingModule } from './billing';
import { createDashboardModule } from './dashboard';
import { createIntegrationsModule, type IntegrationsServices } from './integrations';
import { createKnowledgeModule, type KnowledgeServices } from './knowledge';
import type { PlatformServices } from './platform/context';
import { createReportsModule, type ReportsServices } from './reports';
import { countSeats } from './seats/service';
import { createDomainServices, type DomainServices } from './services';
import { presentSession, readSessionRow } from './sessions/present';
import { createSkillsModule, type SkillsServices, seatContextFrom, systemSkillsWith } from './skills';
import { createTasksModule, type TasksServices } from './tasks';
import { createTenantsModule, type TenantsServices } from './tenants';
import { createUsersModule, type UsersServices } from './users';
import { createWebhooksModule, type WebhooksServices } from './webhooks';

/**
 * Every module's services in one object: for the test harness, the operator CLI and scripts, and
 * the handlers and pages of the domains not yet built as modules. A module's handlers and pages
 * never see it: each gets its own module's services.
 */
export type AppServices = TenantsServices &
  UsersServices &
  AccountServices &
  ApiKeysServices &
  WebhooksServices &
  TasksServices &
  KnowledgeServices &
  SkillsServices &
  IntegrationsServices &
  BillingServices &
  ReportsServices &
  DomainServices;

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
    session: async (tenantId, sessionId) => {
      const row = await readSessionRow(platform.db, tenantId, sessionId);
      return { session: presentSession(row), userEmail: row.user_email };
    },
  });
  // The domains not yet built as modules (services.ts), after the modules they need and before those that need them.
  // Billing bounds seats (SeatAllowance) and counts them (SeatsInUse) before a seat reduction.
  const billing = createBillingModule(platform, { seats: { count: countSeats } });
  const domains = createDomainServices(platform, { tasks: tasks.services.tasks, integrations: integrations.services.integrations, billing: billing.services.billing });
  const skills = createSkillsModule(platform, {
    seats: seatContextFrom(async (tenantId) => (await domains.seats.list(tenantId, { status: 'active' })).seats),
    systemSkills: systemSkillsWith((tenantId, input) => knowledge.services.knowledge.search(tenantId, input)),
  });
  const reports = createReportsModule(platform, { billing: billing.services.billing });
  const dashboard = createDashboardModule(platform, { users: users.services.users, tenants: tenants.services.tenants, account: account.services.account });

  // Module order: dependencies first (also the order their pages are mounted in).
  const modules = [tenants, users, account, apiKeys, webhooks, tasks, knowledge, integrations, billing, skills, reports, dashboard] as const;
  const services: AppServices = Object.assign({}, domains, ...modules.map((m) => m.services));
  return { platform, modules, services };
}
