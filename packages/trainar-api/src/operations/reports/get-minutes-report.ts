import { defineOperation, z } from '@platform/kit';
import { UsageBalance } from '../../billing';
import { ReportWindow, reportPeriodInput } from '../../reports';

export default defineOperation({
  name: 'get_minutes_report',
  method: 'GET',
  path: '/api-tenant-reports-minutes',
  title: 'Minutes report',
  description: 'Pool balance, minutes used per day (included vs purchased), change vs the previous period, runway days.',
  input: z.object(reportPeriodInput),
  output: z.object({
    window: ReportWindow,
    balance: UsageBalance,
    used_minutes: z.number(),
    previous_used_minutes: z.number().describe('Same-length period just before'),
    change_pct: z.number().nullable().describe('null when the previous period used nothing'),
    daily: z.array(z.object({ date: z.string(), included: z.number(), purchased: z.number() })),
    runway_days: z.number().nullable().describe('remaining ÷ average daily use; null with no use'),
    runway: z.enum(['plenty', 'ok', 'warning', 'empty']).describe('plenty: >365 days or no use; warning: <7 days'),
  }),
  auth: 'required',
  scopes: ['read:billing'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'reports',
  cli: ['reports', 'minutes'],
  summarize: (r) =>
    `${r.used_minutes} minutes used ${r.window.from} – ${r.window.to}${r.change_pct === null ? '' : ` (${r.change_pct >= 0 ? '+' : ''}${r.change_pct}% vs previous)`}; ${r.balance.remaining} left; runway ${r.runway_days === null ? 'plenty' : `${r.runway_days} days`} (${r.runway}).`,
});
