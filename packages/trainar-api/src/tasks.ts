/**
 * @module Task shapes (spec 2.6, 4.1). Requests send `assigned_to` as a bare user id; responses
 * return it as `{user_id, name}`. The n8n node sends every field of its create form, empty ones as
 * "", so an empty string means "none" for the optional text and id fields.
 */
import { z } from '@platform/kit';
import { Id, Timestamp } from './schemas';

export const TASK_STATUSES = ['open', 'in_progress', 'completed', 'cancelled', 'archived'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const TaskPriority = z.enum(TASK_PRIORITIES);
export type TaskPriority = z.infer<typeof TaskPriority>;

export const TASK_SOURCES = ['api', 'manual', 'integration'] as const;
export const TaskSource = z.enum(TASK_SOURCES);
export type TaskSource = z.infer<typeof TaskSource>;

export const Task = z.object({
  id: z.string().describe('Task id (UUID)'),
  title: z.string(),
  description: z.string().nullable(),
  status: TaskStatus,
  priority: TaskPriority,
  source: TaskSource.describe('api, manual (dashboard) or integration'),
  provider: z.string().nullable().describe('Integration that created the task (e.g. jobber); null otherwise'),
  external_id: z.string().nullable().describe('Your reference; unique per tenant and source'),
  assigned_to: z.object({ user_id: z.string(), name: z.string() }).nullable(),
  due_date: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  completed_at: Timestamp.nullable().describe('Set when the task is completed, cleared when it is reopened'),
  session_id: z.string().nullable().describe('The last training session run against the task'),
});
export type Task = z.infer<typeof Task>;

/** "" is "none" (the n8n node's empty form fields); null clears on update. */
const noneOr = <T extends z.ZodType>(schema: T, what: string) => z.union([schema, z.literal('')]).nullable().optional().describe(`${what}; "" or null for none`);

export const taskFields = {
  description: noneOr(z.string().max(10_000), 'Details'),
  priority: TaskPriority.optional().describe('low, medium (default), high or urgent'),
  due_date: noneOr(z.union([z.iso.datetime({ offset: true }), z.iso.date()]), 'Due date, ISO 8601'),
  assigned_to: noneOr(Id, 'User id (UUID) of a user of your tenant'),
  external_id: noneOr(z.string().trim().max(200), 'Your reference, e.g. JOB-4921'),
};

export const TaskTitle = z.string().trim().min(1, { message: 'enter a title' }).max(500);
