import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { idParam, milestoneSchema, usdAmount } from './schemas';

export default defineOperation({
  name: 'opentrain_create_milestone',
  method: 'POST',
  path: '/contracts/{contractId}/milestones',
  description: 'Add an unfunded milestone (fixed price: amountUsd; hourly/per-label: volume x rate). Executes directly; then use opentrain_request_milestone_funding.',
  input: z.object({
    contractId: idParam('Contract id'),
    description: z.string().describe('What the milestone covers (required)'),
    name: z.string().max(200).optional().describe('Milestone name'),
    amountUsd: usdAmount('Milestone amount').optional(),
    volume: z.number().optional().describe('Hours or labels (hourly / per-label contracts)'),
    dueDate: z.string().optional().describe('Due date, YYYY-MM-DD or ISO-8601'),
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
