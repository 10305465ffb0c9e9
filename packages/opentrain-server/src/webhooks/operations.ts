/** @module Handlers for `/webhooks` (webhooks:manage, public_api_webhooks; subscribing also needs each event type's read scope). */
import { createWebhook, deleteWebhook, getWebhook, listWebhookDeliveries, listWebhooks } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

const org = (ctx: OpenTrainContext) => (ctx.auth as OpenTrainAuth).organizationId;

export const webhookOperations = [
  implement(createWebhook, (input, ctx: OpenTrainContext) => ctx.services.webhooks.create(org(ctx), input, { grantedScopes: (ctx.auth as OpenTrainAuth).scopes })),
  implement(listWebhooks, async (_input, ctx: OpenTrainContext) => ({ webhooks: await ctx.services.webhooks.list(org(ctx)) })),
  implement(getWebhook, async (input, ctx: OpenTrainContext) => ({ webhook: await ctx.services.webhooks.get(org(ctx), input.webhookId) })),
  implement(deleteWebhook, (input, ctx: OpenTrainContext) => ctx.services.webhooks.delete(org(ctx), input.webhookId)),
  implement(listWebhookDeliveries, (input, ctx: OpenTrainContext) => ctx.services.webhooks.listDeliveries(org(ctx), input.webhookId, { cursor: input.cursor, limit: input.limit })),
];
