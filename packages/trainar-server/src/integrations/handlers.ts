/** @module Integrations operations → IntegrationService (no SQL here). */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const integrationHandlers = [
  implement(ops.listIntegrations, (_input, ctx: Ctx) => ctx.services.integrations.listProviders()),
  implement(ops.listTenantIntegrations, (_input, ctx: Ctx) => ctx.services.integrations.list(ctx.tenantId)),
  implement(ops.getIntegrationConnectUrl, (input, ctx: Ctx) => ctx.services.integrations.connectUrl(ctx.tenantId, ctx.actor, input.provider)),
  implement(ops.getIntegrationStatus, (input, ctx: Ctx) => ctx.services.integrations.status(ctx.tenantId, input)),
  implement(ops.disconnectIntegration, (input, ctx: Ctx) => ctx.services.integrations.disconnect(ctx.tenantId, input)),
  implement(ops.triggerSync, (input, ctx: Ctx) => ctx.services.integrations.triggerSync(ctx.tenantId, input)),
];
