import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { approvalResponseSchema, approvalFollowUp, idParam } from './schemas';
import { dueDateInput, milestoneAmount } from './amounts';

export default defineOperation({
  name: 'opentrain_hire_proposal',
  toolset: 'proposals',
  method: 'POST',
  path: '/proposals/{proposalId}/hire',
  description: 'Ask the owner to hire this candidate with a first funded milestone (+10% fee, +$9.95 initiation). 202: relay approvalUrl; nothing is charged until they confirm.',
  input: z.object({
    proposalId: idParam('Proposal id from opentrain_list_proposals'),
    milestone: z
      .object({
        name: z.string().trim().max(200).optional().describe('Milestone name'),
        description: z.string().trim().max(5000).optional().describe('What the milestone covers'),
        amount: milestoneAmount('Milestone amount'),
        dueDate: dueDateInput('Due date, YYYY-MM-DD').optional(),
      })
      .describe('The first (funded) milestone; name or description is required'),
    confirmNotAFit: z.boolean().optional().describe('Set true to hire a candidate previously marked Not a fit'),
  }),
  output: approvalResponseSchema,
  auth: 'required',
  scopes: ['proposals:write'],
  gates: [claimedGate('hire AI trainers'), featureGate('public_api_hiring')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  successStatus: 202,
  cli: ['proposals', 'hire'],
  summarize: (out) => `${out.message} ${approvalFollowUp(out.approval)}`,
});
