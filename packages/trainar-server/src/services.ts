/** @module The domain services of one app instance; REST, MCP, the dashboard and the operator CLI all call these. */
import { AccountService } from './account/service';
import { ApiKeyService } from './api-keys/service';
import { KnowledgeService } from './knowledge/service';
import type { ServiceDeps } from './deps';
import { SkillExecutor } from './skills/execution';
import { SkillService } from './skills/service';
import { skillUrlPolicy } from './skills/settings';
import { seatContextFrom, systemSkillsWith } from './skills/system-skills';
import { TenantService } from './tenants/service';
import { UserService } from './users/service';
import { TaskService } from './tasks/service';
import { WebhookService } from './webhooks/service';
import { createDeviceServices } from './devices/compose';
import { countSeats } from './seats/service';
import { sessionTasksFrom } from './sessions/task-link';
import { BillingService } from './billing/service';
import { IntegrationService } from './integrations/service';
import { queueWriteback } from './integrations/writeback';
import { presentSession, readSessionRow } from './sessions/present';
import { ReportService } from './reports/service';

export function createServices(deps: ServiceDeps) {
  const tasks = new TaskService(deps);
  const skills = new SkillService(deps, skillUrlPolicy(deps.settings));
  const knowledge = new KnowledgeService(deps);
  // Billing bounds seats (SeatAllowance) and counts them (SeatsInUse) before a seat reduction.
  const billing = new BillingService(deps, { count: countSeats });
  const users = new UserService(deps);
  const integrations = new IntegrationService(deps, {
    tasks,
    usersByEmail: (tenantId, emails) => users.activeIdsByEmail(tenantId, emails),
    session: async (tenantId, sessionId) => {
      const row = await readSessionRow(deps.db, tenantId, sessionId);
      return { session: presentSession(row), userEmail: row.user_email };
    },
  });
  // Sessions burn the tenant's minute pool when their clock stops (billing's MinutesMeter); a
  // finished session on an imported task queues the integration's write-back note.
  const devices = createDeviceServices(deps, sessionTasksFrom(tasks, (trx, tenantId, taskId, sessionId) => queueWriteback(integrations, trx, tenantId, taskId, sessionId)), billing.pool, billing);
  return {
    deps,
    tenants: new TenantService(deps),
    users,
    apiKeys: new ApiKeyService(deps),
    account: new AccountService(deps),
    tasks,
    skills,
    skillExecutions: new SkillExecutor(
      deps,
      skills,
      {
        seats: seatContextFrom(async (tenantId) => (await devices.seats.list(tenantId, { status: 'active' })).seats),
        systemSkills: systemSkillsWith((tenantId, input) => knowledge.search(tenantId, input)),
      },
      skillUrlPolicy(deps.settings),
    ),
    webhooks: new WebhookService(deps),
    knowledge,
    ...devices,
    billing,
    reports: new ReportService(deps),
    integrations,
  };
}

export type TrainArServices = ReturnType<typeof createServices>;
