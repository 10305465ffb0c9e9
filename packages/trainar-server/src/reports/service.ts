/**
 * @module Reports (spec section 6, Reports): read-only aggregates over the sessions, tasks and users
 * tables for a window (reports/period.ts) and, for "change vs the previous period", the same-length
 * window before it. The module owns no tables and writes nothing; every query filters by tenant.
 * A session belongs to the window its start falls in (`from <= started_at <= to`); a task to the
 * window it was created in (completions: the window `completed_at` falls in).
 */
import { DURATION_BUCKETS, WEEKDAYS } from '@trainar/api';
import { sql } from 'kysely';
import { iso } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { changePct, previousWindow, type ReportPeriodInput, type ReportWindow, resolveWindow } from './period';

const DAY = 86_400_000;
const n = (v: unknown) => Number(v ?? 0);
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const figure = (value: number | null, previous: number | null) => ({ value, previous, change_pct: value === null || previous === null ? null : changePct(value, previous) });

/** Days for windows up to 92 days, months beyond (a 12-month trend of 365 bars reads badly). */
export const bucketOf = (w: ReportWindow) => (w.to.getTime() - w.from.getTime() > 92 * DAY ? 'month' : 'day');

/** Every day (YYYY-MM-DD) or month (YYYY-MM) of the window, so a chart shows quiet days as zero. */
export function bucketsOf(w: ReportWindow): string[] {
  const monthly = bucketOf(w) === 'month';
  const keys: string[] = [];
  const cursor = new Date(Date.UTC(w.from.getUTCFullYear(), w.from.getUTCMonth(), monthly ? 1 : w.from.getUTCDate()));
  while (cursor.getTime() <= w.to.getTime()) {
    keys.push(cursor.toISOString().slice(0, monthly ? 7 : 10));
    if (monthly) cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    else cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return keys;
}

const bucketSql = (w: ReportWindow, column: 'started_at' | 'created_at' | 'completed_at') =>
  bucketOf(w) === 'month' ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')` : sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`;

export class ReportService {
  constructor(private readonly deps: ServiceDeps) {}

  private window(input: ReportPeriodInput) {
    return resolveWindow(input, this.deps.clock.now());
  }

  private presentWindow(w: ReportWindow) {
    return { period: w.period, from: iso(w.from) as string, to: iso(w.to) as string };
  }

  /** Headline numbers of sessions started in [from, to] (`inclusive`) or [from, to). */
  private async headline(tenantId: string, from: Date, to: Date, inclusive: boolean) {
    const end = inclusive ? sql`s.started_at <= ${to}` : sql`s.started_at < ${to}`;
    const { rows } = await sql<{ total: string; ended: string; completed: string; duration: string | null; measured: string; users: string }>`
      select count(*) as total,
        count(*) filter (where s.status <> 'in_progress') as ended,
        count(*) filter (where s.status = 'completed') as completed,
        sum(s.duration_seconds) as duration, count(s.duration_seconds) as measured,
        count(distinct s.user_id) as users
      from training_sessions s
      where s.tenant_id = ${tenantId} and s.started_at >= ${from} and ${end}`.execute(this.deps.db);
    const r = rows[0];
    return {
      total: n(r.total),
      averageDuration: n(r.measured) ? round1(n(r.duration) / n(r.measured)) : null,
      successRate: n(r.ended) ? round1((n(r.completed) / n(r.ended)) * 100) : null,
      activeUsers: n(r.users),
      minutes: round2(n(r.duration) / 60),
    };
  }

  async overview(tenantId: string, input: ReportPeriodInput) {
    const w = this.window(input);
    const before = previousWindow(w);
    const [now, prev, trendRows, totalUsers, top] = await Promise.all([
      this.headline(tenantId, w.from, w.to, true),
      this.headline(tenantId, before.from, before.to, false),
      this.deps.db
        .selectFrom('training_sessions')
        .select([bucketSql(w, 'started_at').as('date'), (eb) => eb.fn.countAll<string>().as('sessions')])
        .where('tenant_id', '=', tenantId)
        .where('started_at', '>=', w.from)
        .where('started_at', '<=', w.to)
        .groupBy(sql`1`)
        .execute(),
      this.deps.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('is_active', '=', true)
        .executeTakeFirstOrThrow(),
      sql<{ user_id: string; name: string | null; sessions: string; completed: string; score: string | null }>`
        select s.user_id, u.full_name as name, count(*) as sessions,
          count(*) filter (where s.status = 'completed') as completed, avg(s.score) as score
        from training_sessions s join users u on u.id = s.user_id and u.tenant_id = s.tenant_id
        where s.tenant_id = ${tenantId} and s.started_at >= ${w.from} and s.started_at <= ${w.to}
        group by s.user_id, u.full_name
        order by count(*) filter (where s.status = 'completed') desc, avg(s.score) desc nulls last, count(*) desc, u.full_name
        limit 5`.execute(this.deps.db),
    ]);
    const perBucket = new Map(trendRows.map((r) => [r.date, n(r.sessions)]));
    return {
      window: this.presentWindow(w),
      total_sessions: figure(now.total, prev.total),
      average_duration_seconds: figure(now.averageDuration, prev.averageDuration),
      success_rate_pct: figure(now.successRate, prev.successRate),
      active_users: { ...figure(now.activeUsers, prev.activeUsers), of: n(totalUsers.n) },
      minutes_used: figure(now.minutes, prev.minutes),
      trend: bucketsOf(w).map((date) => ({ date, sessions: perBucket.get(date) ?? 0 })),
      top_performers: top.rows.map((r) => ({ user_id: r.user_id, name: r.name, sessions: n(r.sessions), completed: n(r.completed), average_score: r.score === null ? null : round1(n(r.score)) })),
    };
  }

  async sessions(tenantId: string, input: ReportPeriodInput) {
    const w = this.window(input);
    const inWindow = sql`s.tenant_id = ${tenantId} and s.started_at >= ${w.from} and s.started_at <= ${w.to}`;
    const [counts, weekdays, buckets, list] = await Promise.all([
      sql<{ role: string; status: string; sessions: string; duration: string | null }>`
        select s.role, s.status, count(*) as sessions, sum(s.duration_seconds) as duration
        from training_sessions s where ${inWindow} group by 1, 2`.execute(this.deps.db),
      sql<{ dow: number; sessions: string }>`
        select extract(isodow from s.started_at at time zone 'UTC')::int as dow, count(*) as sessions
        from training_sessions s where ${inWindow} group by 1`.execute(this.deps.db),
      sql<{ bucket: number; sessions: string }>`
        select case when s.duration_seconds < 300 then 0 when s.duration_seconds < 600 then 1
          when s.duration_seconds < 1200 then 2 when s.duration_seconds < 1800 then 3 else 4 end as bucket, count(*) as sessions
        from training_sessions s where ${inWindow} and s.duration_seconds is not null group by 1`.execute(this.deps.db),
      this.deps.db
        .selectFrom('training_sessions as s')
        .leftJoin('users as u', 'u.id', 's.user_id')
        .select(['s.id', 's.name', 's.user_id', 'u.full_name as user_name', 's.role', 's.status', 's.started_at', 's.duration_seconds', 's.score'])
        .where('s.tenant_id', '=', tenantId)
        .where('s.started_at', '>=', w.from)
        .where('s.started_at', '<=', w.to)
        .orderBy('s.started_at', 'desc')
        .orderBy('s.id')
        .limit(100)
        .execute(),
    ]);
    const sum = (keep: (r: (typeof counts.rows)[number]) => boolean) => counts.rows.filter(keep).reduce((acc, r) => acc + n(r.sessions), 0);
    const byDow = new Map(weekdays.rows.map((r) => [n(r.dow), n(r.sessions)]));
    const byBucket = new Map(buckets.rows.map((r) => [n(r.bucket), n(r.sessions)]));
    return {
      window: this.presentWindow(w),
      total: sum(() => true),
      by_role: { trainer: sum((r) => r.role === 'trainer'), trainee: sum((r) => r.role === 'trainee') },
      by_status: { in_progress: sum((r) => r.status === 'in_progress'), completed: sum((r) => r.status === 'completed'), failed: sum((r) => r.status === 'failed') },
      by_weekday: WEEKDAYS.map((day, i) => ({ day, sessions: byDow.get(i + 1) ?? 0 })),
      duration_buckets: DURATION_BUCKETS.map((bucket, i) => ({ bucket, sessions: byBucket.get(i) ?? 0 })),
      minutes_used: round2(counts.rows.reduce((acc, r) => acc + n(r.duration), 0) / 60),
      sessions: list.map((r) => ({ ...r, started_at: iso(r.started_at) as string, score: r.score === null ? null : Number(r.score) })),
    };
  }

  async users(tenantId: string, input: ReportPeriodInput) {
    const w = this.window(input);
    const { rows } = await sql<{ user_id: string; name: string | null; email: string; trainer: string; trainee: string; duration: string | null; last_active_at: Date | null }>`
      select u.id as user_id, u.full_name as name, u.email,
        count(s.id) filter (where s.role = 'trainer') as trainer,
        count(s.id) filter (where s.role = 'trainee') as trainee,
        sum(s.duration_seconds) as duration,
        greatest(u.last_active_at, (select max(coalesce(x.stopped_at, x.last_heartbeat_at)) from training_sessions x where x.user_id = u.id and x.tenant_id = u.tenant_id)) as last_active_at
      from users u
      left join training_sessions s on s.user_id = u.id and s.tenant_id = u.tenant_id and s.started_at >= ${w.from} and s.started_at <= ${w.to}
      where u.tenant_id = ${tenantId}
      group by u.id
      order by count(s.id) desc, u.full_name, u.id`.execute(this.deps.db);
    return {
      window: this.presentWindow(w),
      users: rows.map((r) => ({
        user_id: r.user_id,
        name: r.name,
        email: r.email,
        trainer_sessions: n(r.trainer),
        trainee_sessions: n(r.trainee),
        minutes: round2(n(r.duration) / 60),
        last_active_at: r.last_active_at ? (iso(new Date(r.last_active_at)) as string) : null,
      })),
    };
  }

  async tasks(tenantId: string, input: ReportPeriodInput) {
    const w = this.window(input);
    const created = sql`t.tenant_id = ${tenantId} and t.created_at >= ${w.from} and t.created_at <= ${w.to}`;
    const completedIn = sql`t.tenant_id = ${tenantId} and t.completed_at >= ${w.from} and t.completed_at <= ${w.to}`;
    const [groups, done, createdSeries, completedSeries] = await Promise.all([
      sql<{ status: string; source: string; tasks: string }>`select t.status, t.source, count(*) as tasks from tasks t where ${created} group by 1, 2`.execute(this.deps.db),
      sql<{ completed: string; seconds: string | null }>`
        select count(*) as completed, avg(extract(epoch from (t.completed_at - t.created_at))) as seconds
        from tasks t where ${completedIn}`.execute(this.deps.db),
      sql<{ date: string; n: string }>`select ${bucketSql(w, 'created_at')} as date, count(*) as n from tasks t where ${created} group by 1`.execute(this.deps.db),
      sql<{ date: string; n: string }>`select ${bucketSql(w, 'completed_at')} as date, count(*) as n from tasks t where ${completedIn} group by 1`.execute(this.deps.db),
    ]);
    const tally = (key: 'status' | 'source') => {
      const out: Record<string, number> = {};
      for (const r of groups.rows) out[r[key]] = (out[r[key]] ?? 0) + n(r.tasks);
      return out;
    };
    const createdCount = groups.rows.reduce((acc, r) => acc + n(r.tasks), 0);
    const completedCount = n(done.rows[0]?.completed);
    const c = new Map(createdSeries.rows.map((r) => [r.date, n(r.n)]));
    const d = new Map(completedSeries.rows.map((r) => [r.date, n(r.n)]));
    const seconds = done.rows[0]?.seconds;
    return {
      window: this.presentWindow(w),
      created: createdCount,
      completed: completedCount,
      completion_rate_pct: createdCount ? round1(((tally('status').completed ?? 0) / createdCount) * 100) : null,
      average_completion_seconds: seconds === null || seconds === undefined ? null : Math.round(Number(seconds)),
      by_status: tally('status'),
      by_source: tally('source'),
      series: bucketsOf(w).map((date) => ({ date, created: c.get(date) ?? 0, completed: d.get(date) ?? 0 })),
    };
  }
}
