/** @module Tasks operations → TaskService (no SQL here). REST and MCP create tasks with source `api`. */
import { ops } from '@trainar/api';
import { implementTasks as implement } from './context';

export const taskHandlers = [
  implement(ops.listTasks, (input, ctx) => ctx.services.tasks.list(ctx.tenantId, input)),
  implement(ops.getTask, (input, ctx) => ctx.services.tasks.get(ctx.tenantId, input.task_id)),
  implement(ops.createTask, (input, ctx) => ctx.services.tasks.create(ctx.tenantId, ctx.actor, { ...input, source: 'api' })),
  implement(ops.updateTask, (input, ctx) => {
    const { task_id, ...patch } = input;
    return ctx.services.tasks.update(ctx.tenantId, ctx.actor, task_id, patch);
  }),
  implement(ops.deleteTask, (input, ctx) => ctx.services.tasks.delete(ctx.tenantId, ctx.actor, input.task_id)),
];
