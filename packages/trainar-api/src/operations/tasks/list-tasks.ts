import { defineOperation, z } from '@platform/kit';
import { Id, limitField, offsetField, page } from '../../schemas';
import { Task, TaskPriority, TaskSource, TaskStatus } from '../../tasks';

export default defineOperation({
  name: 'list_tasks',
  method: 'GET',
  path: '/api-tenant-tasks',
  title: 'List tasks',
  description: 'List tasks, newest first; filter by status, source, assignee, priority or external_id.',
  input: z.object({
    status: TaskStatus.optional().describe('Only this status (archived tasks are listed only this way)'),
    source: TaskSource.optional().describe('Only tasks from this source'),
    assigned_to: Id.optional().describe('User id'),
    priority: TaskPriority.optional().describe('Only this priority'),
    external_id: z.string().max(200).optional().describe('Only the task with this reference'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object({ tasks: z.array(Task), ...page }),
  auth: 'required',
  scopes: ['read:tasks'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'tasks',
  cli: ['tasks', 'list'],
  summarize: (out) =>
    out.tasks.length === 0
      ? `No tasks (total ${out.total}).`
      : `${out.tasks.length} of ${out.total} task(s): ${out.tasks.map((t) => `"${t.title}" ${t.status}, ${t.priority} (${t.id})`).join('; ')}.`,
});
