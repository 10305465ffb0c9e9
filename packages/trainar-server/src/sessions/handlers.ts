/** @module Session operations of the Tenant API (read-only) → SessionService / SessionQueries. */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const sessionHandlers = [
  implement(ops.listSessions, (input, ctx: Ctx) => ctx.services.sessionQueries.list(ctx.tenantId, input)),
  implement(ops.getSession, (input, ctx: Ctx) => ctx.services.sessions.get(ctx.tenantId, input.session_id)),
  implement(ops.getSessionAnalytics, (input, ctx: Ctx) => ctx.services.sessionQueries.analytics(ctx.tenantId, input)),
];
