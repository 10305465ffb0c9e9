/** @module Shapes the feed operations share: the Event record (updates feed and webhook bodies), webhooks, the team. */
import { z } from '@platform/kit';

/** The 8 documented event types (spec 3.8), in documentation order. */
export const EVENT_TYPES = [
  'proposal.received',
  'proposal.status_changed',
  'message.received',
  'contract.created',
  'milestone.status_changed',
  'payment.pending',
  'approval.confirmed',
  'contract.budget_state_changed',
] as const;

/** One event: IDs only, never content. */
export const eventRecordSchema = z.object({
  id: z.string().describe('Monotonic event id (numeric string); pass the page nextCursor back, not this'),
  type: z.string(),
  apiVersion: z.literal('v1'),
  createdAt: z.string(),
  resourceId: z.string().nullable(),
  jobId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  status: z.enum(['ACTIVE', 'DISABLED']),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
});

export const webhookIdInput = z.string().min(1).max(64).describe('Webhook id from opentrain_list_webhooks');

export const teamSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string().nullable(), ownerUserId: z.string().nullable(), ownerName: z.string().nullable() }),
  members: z.array(
    z.object({
      userId: z.string(),
      role: z.enum(['OWNER', 'MEMBER']),
      name: z.string(),
      email: z.string(),
      joinedAt: z.string(),
      /** Whether this member may confirm approvals (owners always). */
      canActOnApprovals: z.boolean(),
    }),
  ),
  invites: z.array(z.object({ id: z.string(), email: z.string(), createdAt: z.string(), expiresAt: z.string() })),
});
