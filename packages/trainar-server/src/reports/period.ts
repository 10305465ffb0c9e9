/** @module Report windows: a named period ending now (injected clock), or custom from/to; plus the same-length window before it. */
import { badRequest } from '@platform/kit';

export interface ReportPeriodInput {
  period: '7d' | '30d' | '90d' | '12m' | 'custom';
  from?: string;
  to?: string;
}

export interface ReportWindow {
  period: ReportPeriodInput['period'];
  from: Date;
  to: Date;
}

const DAY = 86_400_000;

export function resolveWindow(input: ReportPeriodInput, now: Date): ReportWindow {
  if (input.period === 'custom') {
    if (!input.from) throw badRequest('from: a custom period needs from (and optionally to), e.g. from=2026-01-01T00:00:00Z', { field: 'from' });
    const from = new Date(input.from);
    const to = input.to ? new Date(input.to) : now;
    if (to <= from) throw badRequest('to: must be after from', { field: 'to' });
    if (to.getTime() - from.getTime() > 400 * DAY) throw badRequest('to: a custom period spans at most 400 days', { field: 'to' });
    return { period: 'custom', from, to };
  }
  if (input.from || input.to) throw badRequest(`from: only with period=custom (got period=${input.period})`, { field: 'from' });
  const from = new Date(now);
  if (input.period === '12m') from.setUTCFullYear(from.getUTCFullYear() - 1);
  else from.setTime(now.getTime() - Number.parseInt(input.period, 10) * DAY);
  return { period: input.period, from, to: now };
}

/** The window of the same length just before `w` (for "change vs the previous period"). */
export const previousWindow = (w: ReportWindow): ReportWindow => ({ period: w.period, from: new Date(w.from.getTime() - (w.to.getTime() - w.from.getTime())), to: w.from });

/** Percentage change, one decimal; null when there is nothing to compare with. */
export const changePct = (current: number, previous: number) => (previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10);
