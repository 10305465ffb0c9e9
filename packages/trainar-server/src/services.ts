/** @module The domain services of one app instance; REST, MCP, the dashboard and the operator CLI all call these. */
import { AccountService } from './account/service';
import { ApiKeyService } from './api-keys/service';
import { KnowledgeService } from './knowledge/service';
import type { ServiceDeps } from './deps';
import { SkillExecutor } from './skills/execution';
import { SkillService } from './skills/service';
import { skillUrlPolicy } from './skills/settings';
import { deviceOnlySystemSkills, noSeatsYet } from './skills/system-skills';
import { TenantService } from './tenants/service';
import { UserService } from './users/service';
import { TaskService } from './tasks/service';
import { WebhookService } from './webhooks/service';

export function createServices(deps: ServiceDeps) {
  const skills = new SkillService(deps, skillUrlPolicy(deps.settings));
  return {
    deps,
    tenants: new TenantService(deps),
    users: new UserService(deps),
    apiKeys: new ApiKeyService(deps),
    account: new AccountService(deps),
    tasks: new TaskService(deps),
    skills,
    // Seats and knowledge are other modules: swap noSeatsYet / deviceOnlySystemSkills for theirs when they land.
    skillExecutions: new SkillExecutor(deps, skills, { seats: noSeatsYet, systemSkills: deviceOnlySystemSkills }, skillUrlPolicy(deps.settings)),
    webhooks: new WebhookService(deps),
    knowledge: new KnowledgeService(deps),
  };
}

export type TrainArServices = ReturnType<typeof createServices>;
