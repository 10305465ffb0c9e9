import { defineOperation, z } from '@platform/kit';
import { ReportFigure, ReportWindow, reportPeriodInput, TrendPoint } from '../../reports';

export default defineOperation({
  name: 'get_reports_overview',
  method: 'GET',
  path: '/api-tenant-reports-overview',
  title: 'Reports overview',
  description: 'Total sessions, average duration, success rate, active users (each vs the previous period), session trend, top performers.',
  input: z.object(reportPeriodInput),
  output: z.object({
    window: ReportWindow,
    total_sessions: ReportFigure,
    average_duration_seconds: ReportFigure,
    success_rate_pct: ReportFigure.describe('completed ÷ ended sessions'),
    active_users: ReportFigure.extend({ of: z.number().int().describe('active users in the tenant') }),
    minutes_used: ReportFigure,
    trend: z.array(TrendPoint),
    top_performers: z.array(z.object({ user_id: z.string(), name: z.string().nullable(), sessions: z.number().int(), completed: z.number().int(), average_score: z.number().nullable() })),
  }),
  auth: 'required',
  scopes: ['read:reports'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'reports',
  cli: ['reports', 'overview'],
  summarize: (r) => `${r.total_sessions.value} session(s) ${r.window.from} – ${r.window.to}${r.total_sessions.change_pct === null ? '' : ` (${r.total_sessions.change_pct >= 0 ? '+' : ''}${r.total_sessions.change_pct}%)`}; ${r.active_users.value} of ${r.active_users.of} users active; ${r.minutes_used.value} minutes.`,
});
