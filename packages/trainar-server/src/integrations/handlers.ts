/** @module Integrations operations → IntegrationService (no SQL here). */
import { ops } from '@trainar/api';
import { implementIntegrations as implement } from './context';

export const integrationHandlers = [
  implement(ops.listIntegrations, (_input, ctx) => ctx.services.integrations.listProviders()),
  implement(ops.listTenantIntegrations, (_input, ctx) => ctx.services.integrations.list(ctx.tenantId)),
  implement(ops.getIntegrationConnectUrl, (input, ctx) => ctx.services.integrations.connectUrl(ctx.tenantId, ctx.actor, input.provider)),
  implement(ops.getIntegrationStatus, (input, ctx) => ctx.services.integrations.status(ctx.tenantId, input)),
  implement(ops.disconnectIntegration, (input, ctx) => ctx.services.integrations.disconnect(ctx.tenantId, input)),
  implement(ops.triggerSync, (input, ctx) => ctx.services.integrations.triggerSync(ctx.tenantId, input)),
];
