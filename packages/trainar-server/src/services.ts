/** @module The domain services of one app instance; REST, MCP, the dashboard and the operator CLI all call these. */
import { AccountService } from './account/service';
import { ApiKeyService } from './api-keys/service';
import type { ServiceDeps } from './deps';
import { TenantService } from './tenants/service';
import { UserService } from './users/service';
import { TaskService } from './tasks/service';
import { BillingService } from './billing/service';

export function createServices(deps: ServiceDeps) {
  return {
    deps,
    tenants: new TenantService(deps),
    users: new UserService(deps),
    apiKeys: new ApiKeyService(deps),
    account: new AccountService(deps),
    tasks: new TaskService(deps),
    billing: new BillingService(deps),
  };
}

export type TrainArServices = ReturnType<typeof createServices>;
