/**
 * @module The services of the domains not yet built as modules (composition.ts builds the modules
 * and hands these the ports they need); REST, MCP, the dashboard and the operator CLI call them.
 */

import type { BillingService } from './billing';
import { createDeviceServices } from './devices/compose';
import { type IntegrationService, queueWriteback } from './integrations';
import type { ServiceDeps } from './platform/deps';
import { sessionTasksFrom } from './sessions/task-link';
import type { TaskService } from './tasks';

/** What these domains need from the modules. */
export interface DomainPorts {
  /** Sessions run tasks and mark them done. */
  tasks: TaskService;
  /** A finished session on an imported task queues the integration's write-back note. */
  integrations: IntegrationService;
  /** Seats are bounded by the subscription (SeatAllowance); sessions burn the minute pool. */
  billing: BillingService;
}

export function createDomainServices(deps: ServiceDeps, { tasks, integrations, billing }: DomainPorts) {
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
  };
}

export type DomainServices = ReturnType<typeof createDomainServices>;
