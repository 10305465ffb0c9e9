import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { webhookIdInput, webhookSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_get_webhook',
  toolset: 'webhooks',
  method: 'GET',
  path: '/webhooks/{webhookId}',
  description: 'Show one webhook subscription: URL, event types, status, and why it was disabled if it was.',
  input: z.object({ webhookId: webhookIdInput }),
  output: z.object({ webhook: webhookSchema }),
  auth: 'required',
  scopes: ['webhooks:manage'],
  gates: [featureGate('public_api_webhooks')],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['webhooks', 'get'],
  summarize: (out) =>
    `Webhook ${out.webhook.id} is ${out.webhook.status}: ${out.webhook.url} [${out.webhook.eventTypes.join(', ')}]${out.webhook.disabledReason ? `. Disabled: ${out.webhook.disabledReason}. Delete and recreate it to resume.` : ''}`,
});
