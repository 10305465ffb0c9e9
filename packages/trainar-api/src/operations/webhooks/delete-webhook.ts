import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { endpointIdFields, WEBHOOK_SOURCES } from '../../webhook-schemas';

export default defineOperation({
  name: 'delete_webhook',
  method: 'DELETE',
  path: '/webhook-subscribe',
  title: 'Delete a webhook endpoint',
  description: 'Delete a webhook endpoint: deliveries stop at once and its delivery log is removed.',
  input: z.object({
    ...endpointIdFields,
    _source: z.enum(WEBHOOK_SOURCES).optional().describe('Only delete when the endpoint was created by this source (n8n sends "n8n")'),
  }),
  mcpInput: z.object({ webhook_id: Id.describe('Webhook endpoint id (UUID)') }),
  output: z.object({ deleted: z.literal(true), id: z.string() }),
  auth: 'required',
  scopes: ['manage:webhooks'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  toolset: 'webhooks',
  cli: ['webhooks', 'delete'],
  summarize: (out) => `Deleted webhook ${out.id}.`,
});
