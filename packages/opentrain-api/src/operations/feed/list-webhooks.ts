import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { webhookSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_list_webhooks',
  toolset: 'webhooks',
  method: 'GET',
  path: '/webhooks',
  description: "List this account's webhook subscriptions (URL, event types, ACTIVE or DISABLED with the reason).",
  input: z.object({}),
  output: z.object({ webhooks: z.array(webhookSchema) }),
  auth: 'required',
  scopes: ['webhooks:manage'],
  gates: [featureGate('public_api_webhooks')],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['webhooks', 'list'],
  summarize: (out) =>
    [`${out.webhooks.length} webhook(s).`, ...out.webhooks.map((w) => `- ${w.id} ${w.status} ${w.url} [${w.eventTypes.join(', ')}]${w.disabledReason ? ` (${w.disabledReason})` : ''}`)].join('\n'),
});
