/** @module Session operations of the Tenant API (read-only) → SessionService / SessionQueries. */
import { ops } from '@trainar/api';
import { implementSessions as implement } from './context';

export const sessionHandlers = [
  implement(ops.listSessions, (input, ctx) => ctx.services.sessionQueries.list(ctx.tenantId, input)),
  implement(ops.getSession, (input, ctx) => ctx.services.sessions.get(ctx.tenantId, input.session_id)),
  implement(ops.getSessionAnalytics, (input, ctx) => ctx.services.sessionQueries.analytics(ctx.tenantId, input)),
];
