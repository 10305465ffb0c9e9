/**
 * @module Webhook endpoint shapes (spec 2.13, 4.5, 5): the six events, where an endpoint came from,
 * and the endpoint as REST, MCP and the dashboard show it (never its secret, except once at creation).
 */
import { z } from '@platform/kit';
import { Id } from './schemas';

/** The six documented webhook events [S: trainar-spec §5]. */
export const WEBHOOK_EVENTS = ['task.created', 'task.status_changed', 'task.completed', 'session.started', 'session.completed', 'skill.executed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Who created an endpoint; Zapier ones are hidden from the dashboard list [S: SHOT]. */
export const WEBHOOK_SOURCES = ['dashboard', 'api', 'n8n', 'zapier', 'mcp'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export const WebhookEventName = z.enum(WEBHOOK_EVENTS, { message: `unknown event; known events: ${WEBHOOK_EVENTS.join(', ')}` });

export const webhookEventsField = z
  .array(WebhookEventName)
  .min(1, { message: 'give at least one event' })
  .refine((e) => new Set(e).size === e.length, { message: 'events must not repeat' })
  .describe(`Events to deliver: ${WEBHOOK_EVENTS.join(', ')}`);

export const webhookUrlField = z.string().trim().min(1).max(2048).describe('https URL that receives signed POSTs');

/** `?endpoint_id=` (REST, as the n8n trigger sends it) or `webhook_id` (MCP tools). */
export const endpointIdFields = {
  endpoint_id: Id.optional().describe('Webhook endpoint id (UUID)'),
  webhook_id: Id.optional().describe('Webhook endpoint id (UUID); same as endpoint_id'),
};

export const WebhookEndpoint = z.object({
  id: z.string().describe('Endpoint id (UUID)'),
  url: z.string(),
  events: z.array(z.string()),
  source: z.enum(WEBHOOK_SOURCES),
  is_active: z.boolean().describe('false when disabled by hand or after repeated failed deliveries'),
  created_at: z.string(),
  updated_at: z.string(),
  last_triggered_at: z.string().nullable().describe('Last delivery attempt (null: never)'),
  failure_count: z.number().int().describe('Consecutive deliveries that failed every attempt'),
  disabled_at: z.string().nullable(),
  disabled_reason: z.string().nullable(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
