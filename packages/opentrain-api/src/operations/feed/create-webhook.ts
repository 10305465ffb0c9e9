import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { EVENT_TYPES, webhookSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_create_webhook',
  toolset: 'webhooks',
  method: 'POST',
  path: '/webhooks',
  description: 'Subscribe a URL to account events (signed, retried POSTs); returns the whsec_ signing secret once. Max 10 per account; no backfill.',
  input: z.object({
    url: z.string().trim().min(1).max(2048).describe('Absolute https URL of your receiver (max 2048 chars)'),
    eventTypes: z.array(z.string()).min(1).max(50).describe(`Event types to receive, any of: ${EVENT_TYPES.join(', ')}`),
  }),
  output: z.object({ webhook: webhookSchema, secret: z.string(), message: z.string() }),
  auth: 'required',
  scopes: ['webhooks:manage'],
  gates: [featureGate('public_api_webhooks')],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  successStatus: 201,
  cli: ['webhooks', 'create'],
  summarize: (out) =>
    `Created webhook ${out.webhook.id} → ${out.webhook.url} for ${out.webhook.eventTypes.join(', ')}. Signing secret (shown once, store it now): ${out.secret}`,
});
