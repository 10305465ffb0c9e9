import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { endpointIdFields, WebhookEndpoint, webhookEventsField, webhookUrlField } from '../../webhook-schemas';

const changes = {
  url: webhookUrlField.optional(),
  events: webhookEventsField.optional(),
  is_active: z.boolean().optional().describe('false pauses deliveries; true re-enables (resets the failure count)'),
};

export default defineOperation({
  name: 'update_webhook',
  method: 'PATCH',
  path: '/webhook-subscribe',
  queryParams: ['endpoint_id', 'webhook_id'],
  title: 'Update a webhook endpoint',
  description: 'Change a webhook endpoint’s URL or events, or disable / re-enable it.',
  input: z.object({ ...endpointIdFields, ...changes }),
  mcpInput: z.object({ webhook_id: Id.describe('Webhook endpoint id (UUID)'), ...changes }),
  output: WebhookEndpoint,
  auth: 'required',
  scopes: ['manage:webhooks'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  toolset: 'webhooks',
  cli: ['webhooks', 'update'],
  summarize: (w) => `Webhook ${w.id} → ${w.url} [${w.events.join(' ')}] is ${w.is_active ? 'active' : 'disabled'}.`,
});
