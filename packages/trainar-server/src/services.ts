/**
 * @module The services of the domains not yet built as modules (composition.ts builds the modules
 * and hands these the ports they need); REST, MCP, the dashboard and the operator CLI call them.
 */

import { BillingService } from './billing/service';
import { createDeviceServices } from './devices/compose';
import { IntegrationService } from './integrations/service';
import { queueWriteback } from './integrations/writeback';
import type { ServiceDeps } from './platform/deps';
import { ReportService } from './reports/service';
import { countSeats } from './seats/service';
import { presentSession, readSessionRow } from './sessions/present';
import { sessionTasksFrom } from './sessions/task-link';
import type { TaskService } from './tasks';
import type { UserService } from './users';

/** What these domains need from the modules: integrations map imported assignees to active users. */
export interface DomainPorts {
  users: Pick<UserService, 'activeIdsByEmail'>;
  /** Integrations import tasks; sessions run them and mark them done. */
  tasks: TaskService;
}

export function createDomainServices(deps: ServiceDeps, { users, tasks }: DomainPorts) {
  // Billing bounds seats (SeatAllowance) and counts them (SeatsInUse) before a seat reduction.
  const billing = new BillingService(deps, { count: countSeats });
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
  const devices = createDeviceServices(
    deps,
    sessionTasksFrom(tasks, (trx, tenantId, taskId, sessionId) => queueWriteback(integrations, trx, tenantId, taskId, sessionId)),
    billing.pool,
    billing,
  );
  return {
    deps,
    ...devices,
    billing,
    reports: new ReportService(deps),
    integrations,
  };
}

export type DomainServices = ReturnType<typeof createDomainServices>;
