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
