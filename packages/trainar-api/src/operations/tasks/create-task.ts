import { defineOperation, z } from '@platform/kit';
import { Task, TaskTitle, taskFields } from '../../tasks';

export default defineOperation({
  name: 'create_task',
  method: 'POST',
  path: '/api-tenant-tasks',
  title: 'Create a task',
  description: 'Create a task (status open, source api); assigned_to must be a user of your tenant. A repeated external_id is a 409 naming the existing task.',
  input: z.object({ title: TaskTitle.describe('Title'), ...taskFields }),
  output: Task,
  auth: 'required',
  scopes: ['write:tasks'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  toolset: 'tasks',
  cli: ['tasks', 'create'],
  summarize: (t) => `Created task "${t.title}" (${t.id}): ${t.status}, ${t.priority}${t.assigned_to ? `, assigned to ${t.assigned_to.name}` : ''}.`,
});
