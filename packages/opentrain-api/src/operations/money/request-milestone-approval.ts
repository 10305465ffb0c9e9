import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { approvalResponseSchema, approvalFollowUp, idParam } from './schemas';

export default defineOperation({
  name: 'opentrain_request_milestone_approval',
  toolset: 'contracts',
  method: 'POST',
  path: '/milestones/{milestoneId}/approve',
  description: 'Ask the account owner to approve an ACTIVE_FUNDED milestone and release the escrow to the trainer. Returns 202 with a pending approval; relay approvalUrl.',
  input: z.object({ milestoneId: idParam('Milestone id') }),
  output: approvalResponseSchema,
  auth: 'required',
  scopes: ['payments:write'],
  gates: [claimedGate('approve milestones'), featureGate('public_api_payments_write')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  successStatus: 202,
  cli: ['milestones', 'approve'],
  summarize: (out) => `${out.message} ${approvalFollowUp(out.approval)}`,
});
