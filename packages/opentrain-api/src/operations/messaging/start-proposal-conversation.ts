import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';

export default defineOperation({
  name: 'opentrain_start_proposal_conversation',
  toolset: 'messages',
  method: 'POST',
  path: '/proposals/{proposalId}/conversation',
  description: "Open (or get) the pre-hire conversation with a proposal's candidate; idempotent. The employer writes first.",
  input: z.object({
    proposalId: z.string().min(1).max(64).describe('Proposal id from opentrain_list_proposals'),
  }),
  output: z.object({
    ok: z.literal(true),
    conversationId: z.string(),
    proposalId: z.string(),
    jobId: z.string(),
    created: z.boolean(),
  }),
  auth: 'required',
  scopes: ['messages:write'],
  gates: [claimedGate('start conversations with AI trainers'), featureGate('public_api_messaging_writes')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['proposals', 'conversation'],
  summarize: (out) =>
    `${out.created ? 'Opened' : 'Found'} conversation ${out.conversationId} for proposal ${out.proposalId}. Next: opentrain_send_message with conversationId=${out.conversationId}.`,
});
