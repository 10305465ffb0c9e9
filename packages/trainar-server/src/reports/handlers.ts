/** @module Report operations → ReportService (and billing's minutes report). */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const reportHandlers = [
  implement(ops.getReportsOverview, (input, ctx: Ctx) => ctx.services.reports.overview(ctx.tenantId, input)),
  implement(ops.getSessionsReport, (input, ctx: Ctx) => ctx.services.reports.sessions(ctx.tenantId, input)),
  implement(ops.getUsersReport, (input, ctx: Ctx) => ctx.services.reports.users(ctx.tenantId, input)),
  implement(ops.getTasksReport, (input, ctx: Ctx) => ctx.services.reports.tasks(ctx.tenantId, input)),
];
