import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'delete_task',
  method: 'DELETE',
  path: '/api-tenant-tasks',
  selectWhen: 'task_id',
  title: 'Delete a task',
  description: 'Delete a task permanently (?task_id=). To keep it but hide it, set status archived instead.',
  input: z.object({ task_id: Id.describe('Task id (UUID)') }),
  output: z.object({ id: z.string(), deleted: z.literal(true) }),
  auth: 'required',
  scopes: ['write:tasks'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  toolset: 'tasks',
  cli: ['tasks', 'delete'],
  summarize: (out) => `Deleted task ${out.id}.`,
});
