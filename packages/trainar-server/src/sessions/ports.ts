/**
 * @module What sessions need from the tasks module, as an interface the composition root wires.
 * Calls run inside the session's transaction, so a task's status change commits with the session.
 */
import type { TrainArExecutor } from '../platform/db';

export interface SessionTask {
  id: string;
  title: string;
  status: string;
  external_id: string | null;
}

export interface SessionTasks {
  /** The tenant's task, or a 404 ApiError naming `task_id`. */
  get(trx: TrainArExecutor, tenantId: string, taskId: string): Promise<SessionTask>;
  /** Moves the task (`in_progress` at start, `completed` on an upload that says so) and links the session. */
  setStatus(trx: TrainArExecutor, tenantId: string, taskId: string, status: 'in_progress' | 'completed', sessionId: string): Promise<void>;
  /** The session on this task has finished (session.completed): e.g. an imported task's write-back note. */
  sessionCompleted(trx: TrainArExecutor, tenantId: string, taskId: string, sessionId: string): Promise<void>;
}

/**
 * The tenant's minute pool (billing module): a stopped or timed-out session's server-measured
 * active time is debited in the session's transaction, so the pool and the session agree.
 */
export interface SessionMinutes {
  recordUsage(tenantId: string, sessionId: string, minutes: number, options: { userId?: string | null; executor: TrainArExecutor }): Promise<unknown>;
  /** The pool's balance (locked in `executor` for the rest of its transaction). */
  checkAllowance(tenantId: string, executor: TrainArExecutor): Promise<{ remaining: number; action: 'continue' | 'warn' | 'stop' }>;
  /** How far below zero usage is charged; a running session is stopped when the pool would pass it. */
  readonly overdraftMinutes: number;
  /** Under this many minutes left the glasses are told to warn the wearer. */
  readonly warnMinutes: number;
}
