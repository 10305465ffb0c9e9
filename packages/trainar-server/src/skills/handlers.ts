/** @module Skills operations → SkillService / SkillExecutor (no SQL here). */
import { ops } from '@trainar/api';
import { implementSkills as implement } from './context';

export const skillHandlers = [
  implement(ops.listSkills, (input, ctx) => ctx.services.skills.list(ctx.tenantId, input)),
  implement(ops.getSkill, (input, ctx) => ctx.services.skills.get(ctx.tenantId, input.skill_id)),
  implement(ops.createSkill, (input, ctx) => ctx.services.skills.create(ctx.tenantId, ctx.actor, input)),
  implement(ops.updateSkill, ({ skill_id, ...input }, ctx) => ctx.services.skills.update(ctx.tenantId, skill_id, input)),
  implement(ops.deleteSkill, (input, ctx) => ctx.services.skills.delete(ctx.tenantId, input.skill_id)),
  implement(ops.executeSkill, (input, ctx) => ctx.services.skillExecutions.execute(ctx.tenantId, { ...input, trigger: ctx.scope.surface === 'mcp' ? 'agent' : 'api' })),
  implement(ops.listSkillExecutions, (input, ctx) => ctx.services.skillExecutions.listExecutions(ctx.tenantId, input)),
];
