import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { Task, TaskStatus, TaskTitle, taskFields } from '../../tasks';

export default defineOperation({
  name: 'update_task',
  method: 'PATCH',
  path: '/api-tenant-tasks',
  selectWhen: 'task_id',
  title: 'Update a task',
  description: 'Change a task (?task_id=): status and/or fields. completed sets completed_at; reopening clears it.',
  input: z.object({
    task_id: Id.describe('Task id (UUID)'),
    status: TaskStatus.optional().describe('New status'),
    title: TaskTitle.optional().describe('New title'),
    ...taskFields,
  }),
  output: Task,
  auth: 'required',
  scopes: ['write:tasks'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'tasks',
  cli: ['tasks', 'update'],
  summarize: (t) => `Task "${t.title}" (${t.id}) is ${t.status}, ${t.priority}${t.completed_at ? `, completed ${t.completed_at}` : ''}.`,
});
