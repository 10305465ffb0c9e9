/** @module Report periods (spec section 6, Reports): 7d / 30d / 90d / 12m ending now, or custom from/to. */
import { z } from '@platform/kit';

export const REPORT_PERIODS = ['7d', '30d', '90d', '12m', 'custom'] as const;

/** An ISO date-time, checked by refinement so the tool schema carries no long regex (token budget). */
export const IsoDateTime = z.string().max(40).refine((v) => z.iso.datetime({ offset: true }).safeParse(v).success, { message: 'expected an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' });

export const reportPeriodInput = {
  period: z.enum(REPORT_PERIODS).default('30d').describe('7d, 30d (default), 90d, 12m or custom (with from/to)'),
  from: IsoDateTime.optional().describe('custom: start (ISO date-time)'),
  to: IsoDateTime.optional().describe('custom: end (ISO date-time; default now)'),
};

export const ReportWindow = z.object({ period: z.enum(REPORT_PERIODS), from: z.string(), to: z.string() });

/** A figure with its value in the same-length period before (spec: "% change vs the prior period"). */
export const ReportFigure = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change_pct: z.number().nullable().describe('null when the previous period has nothing to compare with'),
});

/** Trend points are days for windows up to 92 days, months (YYYY-MM) beyond. */
export const TrendPoint = z.object({ date: z.string(), sessions: z.number().int() });

export const DURATION_BUCKETS = ['0-5m', '5-10m', '10-20m', '20-30m', '30m+'] as const;
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const ReportSessionRow = z.object({
  id: z.string(),
  name: z.string(),
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  role: z.enum(['trainer', 'trainee']),
  status: z.enum(['in_progress', 'completed', 'failed']),
  started_at: z.string(),
  duration_seconds: z.number().int().nullable(),
  score: z.number().nullable(),
});

export const ReportUserRow = z.object({
  user_id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  trainer_sessions: z.number().int(),
  trainee_sessions: z.number().int(),
  minutes: z.number(),
  last_active_at: z.string().nullable(),
});

export const TaskSeriesPoint = z.object({ date: z.string(), created: z.number().int(), completed: z.number().int() });
