import { defineOperation, z } from '@platform/kit';
import { ReportWindow, reportPeriodInput, TaskSeriesPoint } from '../../reports';

export default defineOperation({
  name: 'get_tasks_report',
  method: 'GET',
  path: '/api-tenant-reports-tasks',
  title: 'Tasks report',
  description: 'Tasks created and completed in the period, completion rate, average time to complete, by status and source, daily series.',
  input: z.object(reportPeriodInput),
  output: z.object({
    window: ReportWindow,
    created: z.number().int(),
    completed: z.number().int(),
    completion_rate_pct: z.number().nullable().describe('share of the period’s new tasks now completed'),
    average_completion_seconds: z.number().nullable(),
    by_status: z.record(z.string(), z.number().int()),
    by_source: z.record(z.string(), z.number().int()),
    series: z.array(TaskSeriesPoint),
  }),
  auth: 'required',
  scopes: ['read:reports'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'reports',
  cli: ['reports', 'tasks'],
  summarize: (r) => `${r.created} task(s) created, ${r.completed} completed ${r.window.from} – ${r.window.to}${r.completion_rate_pct === null ? '' : ` (${r.completion_rate_pct}%)`}.`,
});
