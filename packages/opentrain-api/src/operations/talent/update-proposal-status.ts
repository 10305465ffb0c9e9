import { defineOperation, z } from '@platform/kit';
import { PROPOSAL_STATUSES } from './schemas';

/** Not in the published API or the 41 MCP tools: REST and CLI only (docs/talent.md). */
export default defineOperation({
  name: 'opentrain_update_proposal_status',
  method: 'POST',
  path: '/proposals/{proposalId}/status',
  description: 'Mark a proposal SHORTLISTED, MAYBE, DECLINED, NOT_A_FIT or back to UNREVIEWED (employer review); emits proposal.status_changed.',
  input: z.object({
    proposalId: z.string().min(1).max(64).describe('Proposal id (from opentrain_list_proposals)'),
    status: z.string().min(1).max(40).describe('SHORTLISTED, MAYBE, DECLINED, NOT_A_FIT or UNREVIEWED (any case; spaces/hyphens ok)'),
  }),
  output: z.object({
    ok: z.literal(true),
    proposalId: z.string(),
    jobId: z.string(),
    previousStatus: z.enum(PROPOSAL_STATUSES),
    status: z.enum(PROPOSAL_STATUSES),
    changed: z.boolean(),
  }),
  auth: 'required',
  scopes: ['proposals:write'],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['proposals', 'status'],
  exclude: ['mcp'],
  summarize: (out) => (out.changed ? `Proposal ${out.proposalId}: ${out.previousStatus} → ${out.status}.` : `Proposal ${out.proposalId} was already ${out.status}.`),
});
