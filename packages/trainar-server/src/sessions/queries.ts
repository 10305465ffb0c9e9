/** @module Sessions as the dashboard and the Tenant API read them: filtered lists and aggregates. */
import { badRequest } from '@platform/kit';
import { type SeatRole, type Session, SessionSummary } from '@trainar/api';
import { sql } from 'kysely';
import type { ServiceDeps } from '../platform/deps';
import { presentSession } from './present';
import type { SessionService } from './service';

export interface SessionFilter {
  status?: Session['status'];
  role?: SeatRole;
  user_id?: string;
  seat_id?: string;
  task_id?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const GROUP_EXPRESSIONS = {
  day: sql<string>`to_char(s.started_at at time zone 'UTC', 'YYYY-MM-DD')`,
  role: sql<string>`s.role`,
  user: sql<string>`coalesce(s.user_id::text, 'unassigned')`,
  seat: sql<string>`coalesce(s.seat_id::text, 'removed')`,
  status: sql<string>`s.status`,
} as const;

function period(from?: string, to?: string, now = new Date()) {
  const end = to ? new Date(to) : now;
  const start = from ? new Date(from) : new Date(end.getTime() - 30 * 86_400_000);
  if (start > end) throw badRequest('from must be before to.', { field: 'from' });
  return { start, end };
}

export class SessionQueries {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly sessions: SessionService,
  ) {}

  async list(tenantId: string, f: SessionFilter) {
    let q = this.sessions.base(this.deps.db, tenantId);
    if (f.status) q = q.where('training_sessions.status', '=', f.status);
    if (f.role) q = q.where('training_sessions.role', '=', f.role);
    if (f.user_id) q = q.where('training_sessions.user_id', '=', f.user_id);
    if (f.seat_id) q = q.where('training_sessions.seat_id', '=', f.seat_id);
    if (f.task_id) q = q.where('training_sessions.task_id', '=', f.task_id);
    if (f.from) q = q.where('training_sessions.started_at', '>=', new Date(f.from));
    if (f.to) q = q.where('training_sessions.started_at', '<', new Date(f.to));
    if (f.from && f.to && new Date(f.from) > new Date(f.to)) throw badRequest('from must be before to.', { field: 'from' });
    const rows = await q.select(sql<string>`count(*) over()`.as('total_count')).orderBy('training_sessions.started_at', 'desc').orderBy('training_sessions.id').limit(f.limit).offset(f.offset).execute();
    let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    if (rows.length === 0 && f.offset > 0) {
      const counted = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      total = Number(counted.n);
    }
    return { sessions: rows.map(({ total_count: _, ...row }) => SessionSummary.parse(presentSession(row))), total, limit: f.limit, offset: f.offset };
  }

  async analytics(tenantId: string, input: { from?: string; to?: string; group_by: keyof typeof GROUP_EXPRESSIONS }) {
    const { start, end } = period(input.from, input.to, this.deps.clock.now());
    const key = GROUP_EXPRESSIONS[input.group_by];
    const { rows } = await sql<{ key: string; sessions: string; completed: string; failed: string; duration: string | null; measured: string; scored: string; score_sum: string | null }>`
      select ${key} as key, count(*) as sessions,
        count(*) filter (where s.status = 'completed') as completed,
        count(*) filter (where s.status = 'failed') as failed,
        sum(s.duration_seconds) as duration, count(s.duration_seconds) as measured,
        count(s.score) as scored, sum(s.score) as score_sum
      from training_sessions s
      where s.tenant_id = ${tenantId} and s.started_at >= ${start} and s.started_at < ${end}
      group by 1 order by 1`.execute(this.deps.db);
    const n = (v: string | null) => Number(v ?? 0);
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((acc, r) => acc + f(r), 0);
    const total = sum((r) => n(r.sessions));
    const duration = sum((r) => n(r.duration));
    const measured = sum((r) => n(r.measured));
    const scored = sum((r) => n(r.scored));
    const round1 = (x: number) => Math.round(x * 10) / 10;
    return {
      from: start.toISOString(),
      to: end.toISOString(),
      group_by: input.group_by,
      total_sessions: total,
      completed: sum((r) => n(r.completed)),
      failed: sum((r) => n(r.failed)),
      total_duration_seconds: duration,
      average_duration_seconds: measured ? round1(duration / measured) : null,
      average_score: scored ? round1(sum((r) => n(r.score_sum)) / scored) : null,
      groups: rows.map((r) => ({
        key: r.key,
        sessions: n(r.sessions),
        completed: n(r.completed),
        duration_seconds: n(r.duration),
        average_score: n(r.scored) ? round1(n(r.score_sum) / n(r.scored)) : null,
      })),
    };
  }
}
