/** @module The domain services of one app instance; REST, MCP, the dashboard and the operator CLI all call these. */
import { AccountService } from './account/service';
import { ApiKeyService } from './api-keys/service';
import type { ServiceDeps } from './deps';
import { TenantService } from './tenants/service';
import { UserService } from './users/service';
import { TaskService } from './tasks/service';
import { createDeviceServices } from './devices/compose';
import { sessionTasksFrom } from './sessions/task-link';

export function createServices(deps: ServiceDeps) {
  const tasks = new TaskService(deps);
  return {
    deps,
    tenants: new TenantService(deps),
    users: new UserService(deps),
    apiKeys: new ApiKeyService(deps),
    account: new AccountService(deps),
    tasks,
    ...createDeviceServices(deps, sessionTasksFrom(tasks)),
  };
}

export type TrainArServices = ReturnType<typeof createServices>;
