import { defineOperation, z } from '@platform/kit';
import { approvalSchema, approvalSummary, idParam } from './schemas';

export default defineOperation({
  name: 'opentrain_get_approval',
  toolset: 'contracts',
  method: 'GET',
  path: '/approvals/{approvalId}',
  description: 'Check a pending approval (hire, fund, approve, end): pending, confirmed (with result), declined or expired (72 h).',
  input: z.object({ approvalId: idParam('Approval id') }),
  output: z.object({ approval: approvalSchema }),
  auth: 'required',
  scopes: ['payments:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['approvals', 'get'],
  summarize: (out) => approvalSummary(out.approval),
});
