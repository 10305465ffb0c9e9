/** @module Row → API shape for tasks, and the webhook `data` of task events (one place, so every surface agrees). */
import type { Task } from '@trainar/api';
import { iso, type TasksTable } from '../platform/db';

export type TaskRow = TasksTable & { assignee_name: string | null };

export function presentTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    source: row.source,
    provider: row.provider,
    external_id: row.external_id,
    assigned_to: row.assigned_to_user_id ? { user_id: row.assigned_to_user_id, name: row.assignee_name ?? '' } : null,
    due_date: iso(row.due_date),
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
    completed_at: iso(row.completed_at),
    session_id: row.session_id,
  };
}

/**
 * Webhook `data` for task events: the REST task plus `task_id`, with `assigned_to` as the bare user
 * id (the documented task.created payload [S: WH]) and the name beside it.
 */
export function taskEventData(task: Task): Record<string, unknown> {
  return { task_id: task.id, ...task, assigned_to: task.assigned_to?.user_id ?? null, assigned_to_name: task.assigned_to?.name ?? null };
}
