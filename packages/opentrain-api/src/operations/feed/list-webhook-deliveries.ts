import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { webhookIdInput } from './schemas';

/** REST only: a debugging log for people building receivers, not something a model needs. */
export default defineOperation({
  name: 'opentrain_list_webhook_deliveries',
  method: 'GET',
  path: '/webhooks/{webhookId}/deliveries',
  description: 'The delivery log of one webhook, one row per attempt, newest first: status code, error, duration, next retry.',
  input: z.object({
    webhookId: webhookIdInput,
    cursor: z.string().trim().regex(/^\d{1,19}$/, 'must be a nextCursor value').optional().describe('nextCursor from the previous page'),
    limit: z.number().int().min(1).max(200).default(50).describe('Rows per page, 1-200 (default 50)'),
  }),
  output: z.object({
    deliveries: z.array(
      z.object({
        id: z.string(),
        deliveryId: z.string(),
        webhookId: z.string(),
        eventId: z.string(),
        eventType: z.string(),
        attempt: z.number().int(),
        outcome: z.enum(['succeeded', 'failed']),
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int().nullable(),
        nextRetryAt: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
  auth: 'required',
  scopes: ['webhooks:manage'],
  gates: [featureGate('public_api_webhooks')],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['webhooks', 'deliveries'],
  exclude: ['mcp'],
  summarize: (out) =>
    [
      `${out.deliveries.length} delivery attempt(s).`,
      ...out.deliveries.map((d) => `- ${d.createdAt} ${d.deliveryId} attempt ${d.attempt} ${d.eventType} ${d.outcome}${d.statusCode ? ` HTTP ${d.statusCode}` : ''}${d.error ? `: ${d.error}` : ''}`),
    ].join('\n'),
});
