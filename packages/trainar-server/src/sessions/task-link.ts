/**
 * @module SessionTasks over the tasks module: a session reads its task, moves it to in_progress at
 * start and to completed on an upload that says so, recording the session on the task, all in the
 * session's transaction (so task.status_changed / task.completed commit with session.*).
 */

import type { TrainArExecutor } from '../platform/db';
import type { TaskService } from '../tasks';
import type { SessionTasks } from './ports';

/** What else happens when a session on a task finishes (wired by composition.ts: integration write-back). */
export type TaskSessionCompleted = (trx: TrainArExecutor, tenantId: string, taskId: string, sessionId: string) => Promise<void>;

/** Task changes made by a session are the system's, not a user's or key's: the glasses act for the seat. */
const SESSION_ACTOR = { kind: 'operator' } as const;

export function sessionTasksFrom(tasks: TaskService, onCompleted: TaskSessionCompleted = async () => {}): SessionTasks {
  return {
    async get(trx, tenantId, taskId) {
      const task = await tasks.get(tenantId, taskId, trx);
      return { id: task.id, title: task.title, status: task.status, external_id: task.external_id };
    },
    async setStatus(trx, tenantId, taskId, status, sessionId) {
      await tasks.setStatus(tenantId, SESSION_ACTOR, taskId, status, { session_id: sessionId, executor: trx });
    },
    sessionCompleted: onCompleted,
  };
}
