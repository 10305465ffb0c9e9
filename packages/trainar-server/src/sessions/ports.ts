/**
 * @module What the sessions module needs from other modules, as interfaces the composition root
 * (composition.ts) wires: the session's task (tasks module, with the integrations' write-back), the
 * minute pool (billing module), the device behind a device-API credential (devices module) and
 * its seat (seats module).
 * Task and pool calls run inside the session's transaction, so their changes commit with the session.
 */
import type { AuthenticatedDevice } from '../devices';
import type { SeatService } from '../seats';
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

/** The paired device behind a device-API credential, or a 401 ApiError (devices module). */
export interface SessionDevices {
  authenticate(credential: string | null): Promise<AuthenticatedDevice>;
}

/** The seat of the glasses (seats module): a session runs only in one of the seat's roles, for its user. */
export type SessionSeats = Pick<SeatService, 'getRow'>;

export interface SessionsPorts {
  /** A session may run a task: in_progress at start, completed on an upload that says so. */
  tasks: SessionTasks;
  /** A stopped or timed-out session's active minutes are debited from the pool. */
  minutes: SessionMinutes;
  /** The glasses call the session routes with their device credential. */
  devices: SessionDevices;
  /** A session starts in one of its seat's roles (read in the session's transaction). */
  seats: SessionSeats;
}
