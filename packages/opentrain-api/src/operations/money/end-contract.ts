import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { approvalFollowUp, approvalSchema, idParam } from './schemas';

export default defineOperation({
  name: 'opentrain_end_contract',
  toolset: 'contracts',
  method: 'POST',
  path: '/contracts/{contractId}/end',
  description: 'End a contract: ends now (200) when nothing is funded, else 202 with an approval; on confirm the remaining escrow returns to credits.',
  input: z.object({ contractId: idParam('Contract id') }),
  output: z.object({
    ok: z.boolean().optional(),
    contractId: z.string().optional(),
    status: z.literal('ended').optional(),
    approval: approvalSchema.optional(),
    message: z.string().optional(),
  }),
  auth: 'required',
  scopes: ['payments:write'],
  gates: [claimedGate('end contracts'), featureGate('public_api_payments_write')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['contracts', 'end'],
  summarize: (out) => (out.approval ? `${out.message ?? ''} ${approvalFollowUp(out.approval)}` : `Contract ${out.contractId} ended.`),
});
