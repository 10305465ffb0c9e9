import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { idParam, milestoneSchema } from './schemas';
import { dueDateInput, milestoneAmount, milestoneDescription } from './amounts';

export default defineOperation({
  name: 'opentrain_create_milestone',
  toolset: 'contracts',
  method: 'POST',
  path: '/contracts/{contractId}/milestones',
  description: 'Add an unfunded milestone (fixed price: amountUsd; hourly/per-label: volume x rate). Executes directly; then use opentrain_request_milestone_funding.',
  input: z.object({
    contractId: idParam('Contract id'),
    description: milestoneDescription('What the milestone covers (required)'),
    name: z.string().max(200).optional().describe('Milestone name'),
    amountUsd: milestoneAmount('Milestone amount').optional(),
    volume: z.number().gt(0).multipleOf(0.01).optional().describe('Hours or labels (hourly / per-label contracts), at most two decimals'),
    dueDate: dueDateInput('Due date, YYYY-MM-DD or ISO-8601').optional(),
  }),
  output: z.object({ milestone: milestoneSchema }),
  auth: 'required',
  scopes: ['payments:write'],
  gates: [claimedGate('create milestones'), featureGate('public_api_payments_write')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  successStatus: 201,
  cli: ['milestones', 'create'],
  summarize: (out) => `Created milestone ${out.milestone.id} (#${out.milestone.milestoneNumber}, $${out.milestone.amountUsd.toFixed(2)}, NOT_FUNDED). Next: opentrain_request_milestone_funding.`,
});
