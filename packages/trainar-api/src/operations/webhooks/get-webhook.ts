import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { WebhookEndpoint } from '../../webhook-schemas';

/** REST only: the n8n trigger's checkExists (404 = gone); agents use list_webhooks. */
export default defineOperation({
  name: 'get_webhook',
  method: 'GET',
  path: '/webhook-subscribe',
  selectWhen: 'endpoint_id',
  title: 'Check a webhook endpoint',
  description: 'Get one webhook endpoint (addressed as ?endpoint_id=); 404 when it no longer exists.',
  input: z.object({ endpoint_id: Id.describe('Webhook endpoint id (UUID)') }),
  output: WebhookEndpoint.extend({ exists: z.literal(true) }),
  auth: 'required',
  scopes: ['manage:webhooks'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  exclude: ['mcp'],
  toolset: 'webhooks',
  cli: ['webhooks', 'get'],
  summarize: (w) => `Webhook ${w.id} → ${w.url} [${w.events.join(' ')}]${w.is_active ? '' : ' (disabled)'}.`,
});
