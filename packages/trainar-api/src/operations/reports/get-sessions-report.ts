import { defineOperation, z } from '@platform/kit';
import { DURATION_BUCKETS, ReportSessionRow, ReportWindow, reportPeriodInput, WEEKDAYS } from '../../reports';

export default defineOperation({
  name: 'get_sessions_report',
  method: 'GET',
  path: '/api-tenant-reports-sessions',
  title: 'Sessions report',
  description: 'Sessions started in the period: by role, status, weekday and duration bucket, plus the newest 100.',
  input: z.object(reportPeriodInput),
  output: z.object({
    window: ReportWindow,
    total: z.number().int(),
    by_role: z.object({ trainer: z.number().int(), trainee: z.number().int() }),
    by_status: z.object({ in_progress: z.number().int(), completed: z.number().int(), failed: z.number().int() }),
    by_weekday: z.array(z.object({ day: z.enum(WEEKDAYS), sessions: z.number().int() })).describe('UTC weekdays'),
    duration_buckets: z.array(z.object({ bucket: z.enum(DURATION_BUCKETS), sessions: z.number().int() })),
    minutes_used: z.number(),
    sessions: z.array(ReportSessionRow),
  }),
  auth: 'required',
  scopes: ['read:reports'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'reports',
  cli: ['reports', 'sessions'],
  summarize: (r) => `${r.total} session(s) ${r.window.from} – ${r.window.to}: ${r.by_role.trainer} trainer, ${r.by_role.trainee} trainee; ${r.by_status.completed} completed, ${r.by_status.failed} failed; ${r.minutes_used} minutes.`,
});
