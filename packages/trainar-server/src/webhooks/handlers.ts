/** @module Webhook endpoint operations (REST `/webhook-subscribe`, MCP tools) → WebhookService. */
import { badRequest } from '@platform/kit';
import { ops } from '@trainar/api';
import { implementWebhooks as implement, type WebhooksContext } from './context';

/** REST addresses an endpoint as `?endpoint_id=` (the n8n trigger); MCP tools send `webhook_id`. */
function endpointId(input: { endpoint_id?: string; webhook_id?: string }): string {
  const id = input.endpoint_id ?? input.webhook_id;
  if (!id) throw badRequest('endpoint_id is required (the id create_webhook returned; list them with list_webhooks).', { field: 'endpoint_id' });
  return id;
}

/** MCP calls carry the tool surface on the request scope; REST callers default to `api`. */
const creator = (ctx: WebhooksContext) => (ctx.scope.surface === 'mcp' ? 'mcp' : 'api');

export const webhookHandlers = [
  implement(ops.listWebhooks, (_input, ctx) => ctx.services.webhooks.list(ctx.tenantId)),
  implement(ops.createWebhook, (input, ctx) => ctx.services.webhooks.create(ctx.tenantId, { url: input.url, events: input.events, source: input.source ?? creator(ctx) })),
  implement(ops.getWebhook, async (input, ctx) => ({ exists: true as const, ...(await ctx.services.webhooks.get(ctx.tenantId, input.endpoint_id)) })),
  implement(ops.updateWebhook, (input, ctx) => ctx.services.webhooks.update(ctx.tenantId, endpointId(input), { url: input.url, events: input.events, is_active: input.is_active })),
  implement(ops.deleteWebhook, (input, ctx) => ctx.services.webhooks.delete(ctx.tenantId, endpointId(input), { source: input._source })),
];
