/** @module Report operations → ReportService (billing's minutes report is billing's operation). */
import { ops } from '@trainar/api';
import { implementReports as implement } from './context';

export const reportHandlers = [
  implement(ops.getReportsOverview, (input, ctx) => ctx.services.reports.overview(ctx.tenantId, input)),
  implement(ops.getSessionsReport, (input, ctx) => ctx.services.reports.sessions(ctx.tenantId, input)),
  implement(ops.getUsersReport, (input, ctx) => ctx.services.reports.users(ctx.tenantId, input)),
  implement(ops.getTasksReport, (input, ctx) => ctx.services.reports.tasks(ctx.tenantId, input)),
];
