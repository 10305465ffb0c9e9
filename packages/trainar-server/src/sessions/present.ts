import { notFound } from '@platform/kit';
import type { Session } from '@trainar/api';
import { iso, type TrainArExecutor } from '../platform/db';
import type { TrainingSessionsTable } from './tables';

export interface SessionRow extends TrainingSessionsTable {
  user_name: string | null;
  user_email: string | null;
}

export function presentSession(row: SessionRow): Session {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.status,
    user_id: row.user_id,
    user_name: row.user_name,
    seat_id: row.seat_id,
    device_id: row.device_id,
    task_id: row.task_id,
    started_at: iso(row.started_at) as string,
    stopped_at: iso(row.stopped_at),
    completed_at: iso(row.completed_at),
    duration_seconds: row.duration_seconds,
    last_heartbeat_at: iso(row.last_heartbeat_at) as string,
    end_reason: row.end_reason,
    score: row.score,
    summary: row.summary,
    notes: row.notes,
    video_url: row.video_url,
    thumbnail_url: row.thumbnail_url,
    procedures: (Array.isArray(row.procedures) ? row.procedures : []) as Session['procedures'],
  };
}

/** Whole seconds between two instants, as the server measured them. */
export const secondsBetween = (from: Date, to: Date) => Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));

/** A tenant's sessions with who ran them (the one query shape every session read starts from). */
export function sessionRows(db: TrainArExecutor, tenantId: string) {
  return db
    .selectFrom('training_sessions')
    .leftJoin('users', 'users.id', 'training_sessions.user_id')
    .selectAll('training_sessions')
    .select(['users.full_name as user_name', 'users.email as user_email'])
    .where('training_sessions.tenant_id', '=', tenantId);
}

/** One session of the tenant, or a 404 naming `session_id`. */
export async function readSessionRow(db: TrainArExecutor, tenantId: string, sessionId: string): Promise<SessionRow> {
  const row = await sessionRows(db, tenantId).where('training_sessions.id', '=', sessionId).executeTakeFirst();
  if (!row) throw notFound(`No session ${sessionId} in this tenant. List sessions with list_sessions.`, { field: 'session_id' });
  return row;
}
