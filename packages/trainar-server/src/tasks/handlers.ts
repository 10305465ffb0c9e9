/** @module Tasks operations → TaskService (no SQL here). REST and MCP create tasks with source `api`. */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const taskHandlers = [
  implement(ops.listTasks, (input, ctx: Ctx) => ctx.services.tasks.list(ctx.tenantId, input)),
  implement(ops.getTask, (input, ctx: Ctx) => ctx.services.tasks.get(ctx.tenantId, input.task_id)),
  implement(ops.createTask, (input, ctx: Ctx) => ctx.services.tasks.create(ctx.tenantId, ctx.actor, { ...input, source: 'api' })),
  implement(ops.updateTask, (input, ctx: Ctx) => {
    const { task_id, ...patch } = input;
    return ctx.services.tasks.update(ctx.tenantId, ctx.actor, task_id, patch);
  }),
  implement(ops.deleteTask, (input, ctx: Ctx) => ctx.services.tasks.delete(ctx.tenantId, ctx.actor, input.task_id)),
];
