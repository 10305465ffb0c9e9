import { defineOperation, z } from '@platform/kit';
import { WEBHOOK_SOURCES, WebhookEndpoint, webhookEventsField, webhookUrlField } from '../../webhook-schemas';

export default defineOperation({
  name: 'create_webhook',
  method: 'POST',
  path: '/webhook-subscribe',
  title: 'Create a webhook endpoint',
  description: 'Subscribe an https URL to events; returns the id and the signing secret (shown once).',
  input: z.object({
    url: webhookUrlField,
    events: webhookEventsField,
    source: z.enum(WEBHOOK_SOURCES).optional().describe('Who subscribes (n8n sends "n8n"); default api'),
  }),
  mcpInput: z.object({ url: webhookUrlField, events: webhookEventsField }),
  output: WebhookEndpoint.extend({ secret: z.string().describe('Standard Webhooks signing secret (whsec_…): shown only here, store it now') }),
  auth: 'required',
  scopes: ['manage:webhooks'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  successStatus: 201,
  toolset: 'webhooks',
  cli: ['webhooks', 'create'],
  summarize: (w) => `Created webhook ${w.id} → ${w.url} for ${w.events.join(', ')}. Secret ${w.secret} (shown once: store it now).`,
});
