import { defineOperation, z } from '@platform/kit';
import { proposalDetailSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_get_proposal',
  toolset: 'proposals',
  method: 'GET',
  path: '/proposals/{proposalId}',
  description: 'Get one proposal: bid, masked candidate, scores, AI interview summary, verification, contract; includeInterview adds the transcript.',
  input: z.object({
    proposalId: z.string().min(1).max(64).describe('Proposal id (from opentrain_list_proposals)'),
    includeInterview: z.boolean().default(false).describe('Also return the sanitized AI interview transcript under `interview`'),
  }),
  output: z.object({ proposal: proposalDetailSchema }),
  auth: 'required',
  scopes: ['proposals:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['proposals', 'get'],
  summarize: (out) => {
    const p = out.proposal;
    const lines = [
      `Proposal ${p.id} from ${p.candidate.displayName} on job ${p.jobId}: ${p.status.label}${p.sandbox ? ' [sandbox]' : ''}.`,
      `Bid: ${p.bid.amountUsd ?? '-'} USD ${p.bid.unit ?? ''}. Match ${p.metrics.matchScore}/100, interview ${p.aiInterview.score ?? '-'}/100.`,
    ];
    if (p.aiInterview.summary) lines.push(`Interview: ${p.aiInterview.summary}`);
    if (p.contract) lines.push(`Contract ${p.contract.id} (${p.contract.status}).`);
    if (p.interview) lines.push(`Transcript: ${p.interview.messages.length} message(s).`);
    else if (p.status.raw !== 'HIRED') lines.push('Next: opentrain_hire_proposal to hire, or opentrain_start_proposal_conversation to talk first.');
    return lines.join('\n');
  },
});
