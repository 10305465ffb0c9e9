/**
 * @module The 8 documented event types (spec 3.8), the read scope each needs, and the Event record
 * every webhook body (and the updates feed) carries: `{id, type, apiVersion, createdAt, resourceId,
 * jobId, data}` — IDs only, never content.
 *
 * Producers emit `emitEvent(trx, { type, scope: accountId, payload: data })`, where `data` holds the
 * IDs listed for the type (`jobId` may be added to any type to fill the record's `jobId`).
 */
import { EVENT_TYPES } from '@opentrain/api';
import type { OutboxEvent } from '@platform/kit';

/** The contract's list (`@opentrain/api`), under the name the server uses. */
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The scope a token needs to read (and subscribe to) each event type. */
export const EVENT_TYPE_SCOPES: Record<WebhookEventType, 'proposals:read' | 'messages:read' | 'payments:read'> = {
  'proposal.received': 'proposals:read',
  'proposal.status_changed': 'proposals:read',
  'message.received': 'messages:read',
  'contract.created': 'payments:read',
  'milestone.status_changed': 'payments:read',
  'payment.pending': 'payments:read',
  'approval.confirmed': 'payments:read',
  'contract.budget_state_changed': 'payments:read',
};

/** Which `data` field is the record's `resourceId`. */
const RESOURCE_KEY: Record<WebhookEventType, string> = {
  'proposal.received': 'proposalId',
  'proposal.status_changed': 'proposalId',
  'message.received': 'messageId',
  'contract.created': 'contractId',
  'milestone.status_changed': 'milestoneId',
  'payment.pending': 'invoiceId',
  'approval.confirmed': 'approvalId',
  'contract.budget_state_changed': 'contractId',
};

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

export interface EventRecord {
  /** The outbox event id as a string (monotonic). */
  id: string;
  type: string;
  apiVersion: 'v1';
  /** ISO-8601 UTC with milliseconds. */
  createdAt: string;
  resourceId: string | null;
  jobId: string | null;
  data: Record<string, unknown>;
}

type EventLike = Pick<OutboxEvent, 'id' | 'type' | 'payload' | 'createdAt'>;

/** The public Event record of an outbox event (the exact JSON a webhook receives). */
export function toEventRecord(event: EventLike): EventRecord {
  const payload = event.payload;
  const data = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const key = isWebhookEventType(event.type) ? RESOURCE_KEY[event.type] : undefined;
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  return {
    id: String(event.id),
    type: event.type,
    apiVersion: 'v1',
    createdAt: event.createdAt.toISOString(),
    resourceId: key ? text(data[key]) : null,
    jobId: text(data.jobId),
    data,
  };
}
