import { defineOperation, z } from '@platform/kit';
import { anyScopeGate } from '../../gates';
import { eventRecordSchema } from './schemas';

/** Needs at least one of proposals:read, messages:read, payments:read (an any-of gate: the contract's scopes are all-of). */
export default defineOperation({
  name: 'opentrain_poll_updates',
  toolset: 'updates',
  method: 'GET',
  path: '/updates',
  description: 'Poll account events (proposals, messages, contracts, milestones, payments, approvals), oldest first, IDs only; pass the saved nextCursor back as cursor.',
  input: z.object({
    cursor: z
      .string()
      .trim()
      .regex(/^\d{1,19}$/, 'must be a nextCursor value (a numeric event id)')
      .optional()
      .describe('nextCursor from the previous page; omit to start from the beginning of the account history'),
    limit: z.number().int().min(1).max(200).default(50).describe('Events per page, 1-200 (default 50)'),
  }),
  output: z.object({ events: z.array(eventRecordSchema), nextCursor: z.string().nullable(), hasMore: z.boolean() }),
  auth: 'required',
  scopes: [],
  gates: [anyScopeGate('proposals:read', 'messages:read', 'payments:read')],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['updates', 'poll'],
  summarize: (out) => {
    const lines = out.events.slice(0, 50).map((e) => `- ${e.id} ${e.type}${e.resourceId ? ` ${e.resourceId}` : ''}${e.jobId ? ` (job ${e.jobId})` : ''}`);
    const next = out.hasMore ? 'More events are waiting: call again with cursor' : 'Caught up; poll again later with cursor';
    return [`${out.events.length} event(s).`, ...lines, `${next} ${out.nextCursor ?? '(none)'}.`].join('\n');
  },
});
