/** @module Report periods (spec section 6, Reports): 7d / 30d / 90d / 12m ending now, or custom from/to. */
import { z } from '@platform/kit';

export const REPORT_PERIODS = ['7d', '30d', '90d', '12m', 'custom'] as const;

export const reportPeriodInput = {
  period: z.enum(REPORT_PERIODS).default('30d').describe('7d, 30d (default), 90d, 12m or custom (with from/to)'),
  from: z.iso.datetime({ offset: true }).optional().describe('custom: start (ISO date-time)'),
  to: z.iso.datetime({ offset: true }).optional().describe('custom: end (ISO date-time; default now)'),
};

export const ReportWindow = z.object({ period: z.enum(REPORT_PERIODS), from: z.string(), to: z.string() });
