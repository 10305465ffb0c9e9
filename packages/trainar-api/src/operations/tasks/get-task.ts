import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { Task } from '../../tasks';

export default defineOperation({
  name: 'get_task',
  method: 'GET',
  path: '/api-tenant-tasks',
  selectWhen: 'task_id',
  title: 'Get a task',
  description: 'Get one task by id (addressed as ?task_id=).',
  input: z.object({ task_id: Id.describe('Task id (UUID)') }),
  output: Task,
  auth: 'required',
  scopes: ['read:tasks'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'tasks',
  cli: ['tasks', 'get'],
  summarize: (t) =>
    `"${t.title}" (${t.id}): ${t.status}, ${t.priority}, ${t.assigned_to ? `assigned to ${t.assigned_to.name}` : 'unassigned'}${t.due_date ? `, due ${t.due_date}` : ''}${t.completed_at ? `, completed ${t.completed_at}` : ''}.`,
});
