import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { approvalResponseSchema, approvalFollowUp, idParam } from './schemas';

export default defineOperation({
  name: 'opentrain_request_milestone_funding',
  toolset: 'contracts',
  method: 'POST',
  path: '/milestones/{milestoneId}/fund',
  description: 'Ask the account owner to fund a NOT_FUNDED milestone into escrow (amount + 10% fee). Returns 202 with a pending approval; relay approvalUrl to the human.',
  input: z.object({ milestoneId: idParam('Milestone id') }),
  output: approvalResponseSchema,
  auth: 'required',
  scopes: ['payments:write'],
  gates: [claimedGate('fund milestones'), featureGate('public_api_payments_write')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  successStatus: 202,
  cli: ['milestones', 'fund'],
  summarize: (out) => `${out.message} ${approvalFollowUp(out.approval)}`,
});
