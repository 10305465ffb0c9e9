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

const isoDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/**
 * Optional text fields: "" is "none" (the n8n node's empty fields), null clears on update. Checked
 * by refinement rather than a union so the MCP input schema stays small (tool token budget).
 */
const noneOr = (check: ((v: string) => boolean) | null, message: string, max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => v === '' || !check || check(v), { message })
    .nullable()
    .optional();

export const taskFields = {
  description: noneOr(null, '', 10_000).describe('Details'),
  priority: TaskPriority.optional().describe('Default medium'),
  due_date: noneOr((v) => isoDateTime.safeParse(v).success, 'expected an ISO 8601 date or date-time', 40).describe('ISO 8601 date or date-time'),
  assigned_to: noneOr((v) => Id.safeParse(v).success, 'expected a UUID', 36).describe('User id of a user of your tenant'),
  external_id: noneOr(null, '', 200).describe('Your reference, e.g. JOB-4921'),
};

export const TaskTitle = z.string().trim().min(1, { message: 'enter a title' }).max(500);
