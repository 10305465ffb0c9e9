import { defineOperation, z } from '@platform/kit';
import { WebhookEndpoint } from '../../webhook-schemas';

export default defineOperation({
  name: 'list_webhooks',
  method: 'GET',
  path: '/webhook-subscribe',
  title: 'List webhook endpoints',
  description: 'List the webhook endpoints of your tenant: URL, events, source, active, last triggered, failures.',
  input: z.object({}),
  output: z.object({ webhooks: z.array(WebhookEndpoint), total: z.number().int() }),
  auth: 'required',
  scopes: ['manage:webhooks'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'webhooks',
  cli: ['webhooks', 'list'],
  summarize: (out) =>
    out.webhooks.length === 0
      ? 'No webhook endpoints. Create one with create_webhook.'
      : `${out.total} endpoint(s): ${out.webhooks.map((w) => `${w.url} [${w.events.join(' ')}]${w.is_active ? '' : ' disabled'} (${w.id})`).join('; ')}.`,
});
