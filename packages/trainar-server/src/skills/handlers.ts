/** @module Skills operations → SkillService / SkillExecutor (no SQL here). */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const skillHandlers = [
  implement(ops.listSkills, (input, ctx: Ctx) => ctx.services.skills.list(ctx.tenantId, input)),
  implement(ops.getSkill, (input, ctx: Ctx) => ctx.services.skills.get(ctx.tenantId, input.skill_id)),
  implement(ops.createSkill, (input, ctx: Ctx) => ctx.services.skills.create(ctx.tenantId, ctx.actor, input)),
  implement(ops.updateSkill, ({ skill_id, ...input }, ctx: Ctx) => ctx.services.skills.update(ctx.tenantId, skill_id, input)),
  implement(ops.deleteSkill, (input, ctx: Ctx) => ctx.services.skills.delete(ctx.tenantId, input.skill_id)),
  implement(ops.executeSkill, (input, ctx: Ctx) => ctx.services.skillExecutions.execute(ctx.tenantId, { ...input, trigger: ctx.scope.surface === 'mcp' ? 'agent' : 'api' })),
  implement(ops.listSkillExecutions, (input, ctx: Ctx) => ctx.services.skillExecutions.listExecutions(ctx.tenantId, input)),
];
