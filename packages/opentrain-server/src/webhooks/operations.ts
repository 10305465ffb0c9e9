/** @module Handlers for `/webhooks` (webhooks:manage, public_api_webhooks; subscribing also needs each event type's read scope). */
import { createWebhook, deleteWebhook, getWebhook, listWebhookDeliveries, listWebhooks } from '@opentrain/api';
import { implementWebhooks as implement } from './context';

export const webhookOperations = [
  implement(createWebhook, (input, ctx) => ctx.services.webhooks.create(ctx.auth.organizationId, input, { grantedScopes: ctx.auth.scopes })),
  implement(listWebhooks, async (_input, ctx) => ({ webhooks: await ctx.services.webhooks.list(ctx.auth.organizationId) })),
  implement(getWebhook, async (input, ctx) => ({ webhook: await ctx.services.webhooks.get(ctx.auth.organizationId, input.webhookId) })),
  implement(deleteWebhook, (input, ctx) => ctx.services.webhooks.delete(ctx.auth.organizationId, input.webhookId)),
  implement(listWebhookDeliveries, (input, ctx) => ctx.services.webhooks.listDeliveries(ctx.auth.organizationId, input.webhookId, { cursor: input.cursor, limit: input.limit })),
];
