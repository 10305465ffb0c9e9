import { defineOperation, z } from '@platform/kit';
import { interviewSchema } from './schemas';

/** REST and CLI only: on MCP the transcript comes from opentrain_get_proposal with includeInterview. */
export default defineOperation({
  name: 'opentrain_get_proposal_interview',
  method: 'GET',
  path: '/proposals/{proposalId}/interview',
  description: 'Get the sanitized AI interview transcript of a proposal (contact details scrubbed), oldest message first.',
  input: z.object({
    proposalId: z.string().min(1).max(64).describe('Proposal id (from opentrain_list_proposals)'),
  }),
  output: z.object({ interview: interviewSchema }),
  auth: 'required',
  scopes: ['proposals:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['proposals', 'interview'],
  exclude: ['mcp'],
  summarize: (out) => {
    const i = out.interview;
    const lines = i.messages.map((m) => `${m.role}: ${m.content}`);
    return [`Interview ${i.interviewId} (${i.status}) score ${i.score ?? '-'}/100.`, ...(i.summary ? [i.summary] : []), ...lines].join('\n');
  },
});
