/**
 * @module What the integrations module needs from other modules, wired in composition.ts: tasks (the
 * import creates and updates them, firing the tasks module's own events), users by email (staff
 * matching) and a finished session (the write-back note).
 */
import type { Session, Task } from '@trainar/api';
import type { Actor } from '../platform/deps';
import type { CreateTaskInput, TaskPatch } from '../tasks';

export interface IntegrationTasks {
  create(tenantId: string, actor: Actor, input: CreateTaskInput): Promise<Task>;
  update(tenantId: string, actor: Actor, taskId: string, patch: TaskPatch): Promise<Task>;
  get(tenantId: string, taskId: string): Promise<Task>;
}

export interface IntegrationPorts {
  tasks: IntegrationTasks;
  /** Active users of the tenant by lower-cased email. */
  usersByEmail(tenantId: string, emails: string[]): Promise<Map<string, string>>;
  /** The session and its completer's email, for the note. */
  session(tenantId: string, sessionId: string): Promise<{ session: Session; userEmail: string | null }>;
}
