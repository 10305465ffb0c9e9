/**
 * @module Training sessions, as the glasses drive them: start (fires session.started, moves the
 * linked task to in_progress), heartbeat, stop, upload (fires session.completed, completes the task
 * when the upload says so). Every time is the server's clock: duration = stop − start, never a
 * device's figure. A device silent for SESSION_SILENCE_TIMEOUT_SECONDS has its session closed by the
 * `sessions.timeout` job: failed, ended at its last heartbeat (minutes count active time only).
 */
import { badRequest, conflict, enqueueJob, killPoint, notFound } from '@platform/kit';
import type { SeatRole, Session } from '@trainar/api';
import { sql } from 'kysely';
import type { AuthenticatedDevice } from '../devices';
import type { TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { emitTrainArEvent } from '../webhooks';
import type { SessionMinutes, SessionSeats, SessionTasks } from './ports';
import { presentSession, readSessionRow, type SessionRow, secondsBetween, sessionRows } from './present';
import './tables';

/** The glasses heartbeat every 30 s; five minutes of silence (ten missed beats) closes the session. */
export const SESSION_SILENCE_TIMEOUT_SECONDS = 300;
export const HEARTBEAT_INTERVAL_SECONDS = 30;
export const SESSION_TIMEOUT_JOB = 'sessions.timeout';

/** What a session heartbeat tells the glasses about the tenant's minutes (spec 2.11; docs/trainar-billing.md). */
export interface MinutesStatus {
  /** The pool minus the time of every running session not yet debited. */
  remaining: number;
  /** continue; warn: under the warning level left, tell the wearer; stop: the server stopped this session (the pool reached minus the overdraft). */
  action: 'continue' | 'warn' | 'stop';
}

export interface UploadInput {
  summary?: string | null;
  score?: number | null;
  notes?: string | null;
  video_url?: string | null;
  thumbnail_url?: string | null;
  procedures?: { name: string; description: string | null; video_url: string | null }[];
  complete_task?: boolean;
}

export class SessionService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly tasks: SessionTasks,
    private readonly minutes: SessionMinutes,
    private readonly seats: SessionSeats,
  ) {}

  base(db: TrainArExecutor, tenantId: string) {
    return sessionRows(db, tenantId);
  }

  getRow(tenantId: string, sessionId: string, db: TrainArExecutor = this.deps.db): Promise<SessionRow> {
    return readSessionRow(db, tenantId, sessionId);
  }

  async get(tenantId: string, sessionId: string): Promise<Session> {
    return presentSession(await this.getRow(tenantId, sessionId));
  }

  /** The session and its user's email (the integrations' session port: a finished session's write-back note). */
  async getWithUserEmail(tenantId: string, sessionId: string): Promise<{ session: Session; userEmail: string | null }> {
    const row = await this.getRow(tenantId, sessionId);
    return { session: presentSession(row), userEmail: row.user_email };
  }

  /** The device's own session (another device's, or another tenant's, is "not found"). */
  private async ownRow(trx: TrainArExecutor, device: AuthenticatedDevice, sessionId: string) {
    const row = await this.base(trx, device.tenantId).where('training_sessions.id', '=', sessionId).where('training_sessions.device_id', '=', device.deviceId).forUpdate('training_sessions').executeTakeFirst();
    if (!row) throw notFound(`No session ${sessionId} on this device.`, { field: 'session_id' });
    return row;
  }

  async start(device: AuthenticatedDevice, input: { role: SeatRole; task_id?: string }): Promise<Session> {
    const { db, clock } = this.deps;
    const id = crypto.randomUUID();
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const seat = await this.seats.getRow(device.tenantId, device.seatId, trx);
      if (!seat.roles.includes(input.role)) {
        throw badRequest(`This seat is set up for ${seat.roles.join(' and ')}, not ${input.role}. An admin can change it in Dashboard → Seats.`, { field: 'role' });
      }
      const pool = await this.minutes.checkAllowance(device.tenantId, trx);
      if (pool.action === 'stop') {
        throw conflict(`No training minutes left (${pool.remaining} in the pool). An admin can buy minutes on ${this.deps.publicUrl()}/dashboard/billing (or with buy_minute_pack), then start again.`, {
          field: 'minutes',
          remaining: pool.remaining,
          next: 'buy_minute_pack',
        });
      }
      const open = await trx.selectFrom('training_sessions').select('id').where('device_id', '=', device.deviceId).where('status', '=', 'in_progress').where('stopped_at', 'is', null).executeTakeFirst();
      if (open) throw conflict(`Session ${open.id} is still running on this device; stop it first (POST /v1/device/sessions/${open.id}/stop).`, { field: 'session_id', session_id: open.id });
      const task = input.task_id ? await this.tasks.get(trx, device.tenantId, input.task_id) : null;
      await trx
        .insertInto('training_sessions')
        .values({
          id,
          tenant_id: device.tenantId,
          seat_id: seat.id,
          device_id: device.deviceId,
          user_id: seat.user_id,
          task_id: task?.id ?? null,
          name: task?.title ?? id,
          role: input.role,
          status: 'in_progress',
          started_at: now,
          last_heartbeat_at: now,
          stopped_at: null,
          completed_at: null,
          duration_seconds: null,
          end_reason: null,
          score: null,
          summary: null,
          notes: null,
          video_url: null,
          thumbnail_url: null,
          procedures: JSON.stringify([]),
        })
        .execute();
      if (task) await this.tasks.setStatus(trx, device.tenantId, task.id, 'in_progress', id);
      const session = presentSession(await this.getRow(device.tenantId, id, trx));
      await emitTrainArEvent(trx, clock, device.tenantId, 'session.started', { ...session, session_id: id });
      await this.scheduleTimeout(trx, device.tenantId, id, now);
    });
    return this.get(device.tenantId, id);
  }

  private scheduleTimeout(trx: TrainArExecutor, tenantId: string, sessionId: string, lastHeartbeat: Date) {
    const runAt = new Date(lastHeartbeat.getTime() + SESSION_SILENCE_TIMEOUT_SECONDS * 1000);
    return enqueueJob(trx, { kind: SESSION_TIMEOUT_JOB, payload: { tenant_id: tenantId, session_id: sessionId }, runAt, dedupeKey: `${SESSION_TIMEOUT_JOB}:${sessionId}:${runAt.getTime()}` }, this.deps.clock);
  }

  private refuseClosed(row: SessionRow) {
    if (row.status !== 'in_progress') {
      const why = row.end_reason === 'timed_out' ? `it was closed after ${SESSION_SILENCE_TIMEOUT_SECONDS} s without a heartbeat` : 'its results were uploaded';
      throw conflict(`Session ${row.id} is ${row.status}: ${why}. Start a new session.`, { field: 'session_id', status: row.status });
    }
  }

  /**
   * A beat from the glasses. It also says how many minutes are left once every running session's
   * time is counted; when that reaches minus billing's overdraft the server stops this session (its time is
   * debited, bounded by the overdraft) and answers `action: 'stop'`.
   */
  async heartbeat(device: AuthenticatedDevice, sessionId: string): Promise<Session & { minutes: MinutesStatus }> {
    const now = this.deps.clock.now();
    const minutes = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.ownRow(trx, device, sessionId);
      this.refuseClosed(row);
      if (row.stopped_at) throw conflict(`Session ${sessionId} is stopped; upload its results (POST /v1/device/sessions/${sessionId}/upload).`, { field: 'session_id' });
      await trx.updateTable('training_sessions').set({ last_heartbeat_at: now }).where('id', '=', sessionId).execute();
      const pool = await this.minutes.checkAllowance(device.tenantId, trx);
      const running = await trx
        .selectFrom('training_sessions')
        .select(sql<string>`coalesce(sum(extract(epoch from (${now}::timestamptz - started_at))), 0)`.as('seconds'))
        .where('tenant_id', '=', device.tenantId)
        .where('status', '=', 'in_progress')
        .where('stopped_at', 'is', null)
        .executeTakeFirstOrThrow();
      const remaining = Math.round((pool.remaining - Number(running.seconds) / 60) * 100) / 100;
      if (remaining <= -this.minutes.overdraftMinutes) {
        await this.markStopped(trx, row, now);
        return { remaining, action: 'stop' as const };
      }
      return { remaining, action: remaining < this.minutes.warnMinutes ? ('warn' as const) : ('continue' as const) };
    });
    return { ...(await this.get(device.tenantId, sessionId)), minutes };
  }

  /** Stops the clock: duration = now − started_at on the server. Stopping twice changes nothing. */
  async stop(device: AuthenticatedDevice, sessionId: string): Promise<Session> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.ownRow(trx, device, sessionId);
      this.refuseClosed(row);
      if (!row.stopped_at) {
        await this.markStopped(trx, row, this.deps.clock.now());
        killPoint('trainar.session.before-commit:stop');
      }
    });
    killPoint('trainar.session.after-commit:stop');
    return this.get(device.tenantId, sessionId);
  }

  private async markStopped(trx: TrainArExecutor, row: SessionRow, at: Date) {
    const seconds = secondsBetween(row.started_at, at);
    await trx.updateTable('training_sessions').set({ stopped_at: at, last_heartbeat_at: at, duration_seconds: seconds, end_reason: 'stopped' }).where('id', '=', row.id).execute();
    await this.burnMinutes(trx, row, seconds);
  }

  /** Active time burns the tenant's minutes once, when the clock stops (stop, upload or timeout). */
  private async burnMinutes(trx: TrainArExecutor, row: SessionRow, seconds: number) {
    if (seconds > 0) await this.minutes.recordUsage(row.tenant_id, row.id, seconds / 60, { userId: row.user_id, executor: trx });
  }

  /** Results after the session (an upload of a running session stops it first). Fires session.completed once. */
  async upload(device: AuthenticatedDevice, sessionId: string, input: UploadInput): Promise<Session> {
    const { db, clock } = this.deps;
    await db.transaction().execute(async (trx) => {
      const row = await this.ownRow(trx, device, sessionId);
      this.refuseClosed(row);
      const now = clock.now();
      if (!row.stopped_at) await this.markStopped(trx, row, now);
      await trx
        .updateTable('training_sessions')
        .set({
          status: 'completed',
          completed_at: now,
          summary: input.summary ?? null,
          score: input.score ?? null,
          notes: input.notes ?? null,
          video_url: input.video_url ?? null,
          thumbnail_url: input.thumbnail_url ?? null,
          procedures: JSON.stringify(input.procedures ?? []),
        })
        .where('id', '=', sessionId)
        .execute();
      if (row.task_id && input.complete_task) await this.tasks.setStatus(trx, device.tenantId, row.task_id, 'completed', sessionId);
      await this.emitCompleted(trx, device.tenantId, sessionId);
    });
    return this.get(device.tenantId, sessionId);
  }

  private async emitCompleted(trx: TrainArExecutor, tenantId: string, sessionId: string) {
    const row = await this.getRow(tenantId, sessionId, trx);
    const task = row.task_id ? await this.tasks.get(trx, tenantId, row.task_id).catch(() => null) : null;
    await emitTrainArEvent(trx, this.deps.clock, tenantId, 'session.completed', { ...presentSession(row), session_id: row.id, user_email: row.user_email, external_id: task?.external_id ?? null });
    if (task) await this.tasks.sessionCompleted(trx, tenantId, task.id, row.id);
  }

  /**
   * The `sessions.timeout` job: a running session whose device has been silent for the timeout is
   * closed as failed, ending at its last heartbeat; one still beating is checked again later.
   */
  async closeIfSilent(tenantId: string, sessionId: string): Promise<'closed' | 'rescheduled' | 'done'> {
    const { db, clock } = this.deps;
    return db.transaction().execute(async (trx) => {
      const row = await this.base(trx, tenantId).where('training_sessions.id', '=', sessionId).forUpdate('training_sessions').executeTakeFirst();
      if (row?.status !== 'in_progress' || row.stopped_at) return 'done';
      const now = clock.now();
      const last = new Date(row.last_heartbeat_at);
      if (now.getTime() - last.getTime() < SESSION_SILENCE_TIMEOUT_SECONDS * 1000) {
        await this.scheduleTimeout(trx, tenantId, sessionId, last);
        return 'rescheduled';
      }
      const seconds = secondsBetween(row.started_at, last);
      await trx.updateTable('training_sessions').set({ status: 'failed', stopped_at: last, completed_at: now, duration_seconds: seconds, end_reason: 'timed_out' }).where('id', '=', sessionId).execute();
      await this.burnMinutes(trx, row, seconds);
      await this.emitCompleted(trx, tenantId, sessionId);
      return 'closed';
    });
  }
}
