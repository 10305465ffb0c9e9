import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { webhookIdInput, webhookSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_delete_webhook',
  toolset: 'webhooks',
  method: 'DELETE',
  path: '/webhooks/{webhookId}',
  description: 'Delete a webhook: deliveries stop and its history is removed. To rotate the secret or revive a disabled webhook, delete it and create it again.',
  input: z.object({ webhookId: webhookIdInput }),
  output: z.object({ webhook: webhookSchema, deleted: z.literal(true) }),
  auth: 'required',
  scopes: ['webhooks:manage'],
  gates: [featureGate('public_api_webhooks')],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  cli: ['webhooks', 'delete'],
  summarize: (out) => `Deleted webhook ${out.webhook.id} (${out.webhook.url}).`,
});
