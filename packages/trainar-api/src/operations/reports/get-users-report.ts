import { defineOperation, z } from '@platform/kit';
import { ReportUserRow, ReportWindow, reportPeriodInput } from '../../reports';

export default defineOperation({
  name: 'get_users_report',
  method: 'GET',
  path: '/api-tenant-reports-users',
  title: 'Users report',
  description: 'Per user: trainer and trainee sessions and minutes in the period, and last active.',
  input: z.object(reportPeriodInput),
  output: z.object({ window: ReportWindow, users: z.array(ReportUserRow) }),
  auth: 'required',
  scopes: ['read:reports'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'reports',
  cli: ['reports', 'users'],
  summarize: (r) => `${r.users.filter((u) => u.trainer_sessions + u.trainee_sessions > 0).length} of ${r.users.length} user(s) trained ${r.window.from} – ${r.window.to}.`,
});
