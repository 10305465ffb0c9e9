/**
 * @module The minutes report: usage in a window by day and pool, the previous window's total, and
 * runway (remaining ÷ average daily use over the window). Usage rows are the ledger's, so a session
 * shows in every window that contains the moment its minutes were recorded.
 */
import type { UsageBalance } from '@trainar/api';
import { sql } from 'kysely';
import { iso } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { changePct, previousWindow, type ReportPeriodInput, resolveWindow } from '../reports';
import { round } from './pool';

const DAY = 86_400_000;

/** What the report needs of billing: the pool's balance (a port, so this file does not import the service back). */
export interface MinuteBalanceSource {
  getBalance(tenantId: string): Promise<UsageBalance>;
}

export async function minutesReport(deps: ServiceDeps, billing: MinuteBalanceSource, tenantId: string, input: ReportPeriodInput) {
  const window = resolveWindow(input, deps.clock.now());
  const balance = await billing.getBalance(tenantId);
  const usage = (from: Date, to: Date) => deps.db.selectFrom('minute_transactions').where('tenant_id', '=', tenantId).where('type', '=', 'usage').where('created_at', '>=', from).where('created_at', '<', to);
  const [rows, previous] = await Promise.all([
    usage(window.from, new Date(window.to.getTime() + 1))
      .select([sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'), 'pool', sql<string>`-sum(minutes)`.as('used')])
      .groupBy([sql`1`, 'pool'])
      .orderBy(sql`1`)
      .execute(),
    usage(previousWindow(window).from, window.from).select(sql<string>`coalesce(-sum(minutes), 0)`.as('used')).executeTakeFirstOrThrow(),
  ]);
  const byDay = new Map<string, { date: string; included: number; purchased: number }>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? { date: r.day, included: 0, purchased: 0 };
    day[r.pool] = round(Number(r.used));
    byDay.set(r.day, day);
  }
  const daily = [...byDay.values()];
  const used = round(daily.reduce((s, d) => s + d.included + d.purchased, 0));
  const previousUsed = round(Number(previous.used));
  const days = Math.max(1, (window.to.getTime() - window.from.getTime()) / DAY);
  const perDay = used / days;
  const runwayDays = perDay > 0 ? Math.max(0, Math.floor(balance.remaining / perDay)) : null;
  const runway = balance.remaining <= 0 ? 'empty' : runwayDays === null || runwayDays > 365 ? 'plenty' : runwayDays < 7 ? 'warning' : 'ok';
  return {
    window: { period: window.period, from: iso(window.from) as string, to: iso(window.to) as string },
    balance,
    used_minutes: used,
    previous_used_minutes: previousUsed,
    change_pct: changePct(used, previousUsed),
    daily,
    runway_days: runwayDays,
    runway: runway as 'plenty' | 'ok' | 'warning' | 'empty',
  };
}
