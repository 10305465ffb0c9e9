import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { idParam, topUpSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_get_credit_top_up',
  toolset: 'credits',
  method: 'GET',
  path: '/credits/top-ups/{topUpId}',
  description: 'Check a credit top-up: PENDING, COMPLETED or EXPIRED (24 h).',
  input: z.object({ topUpId: idParam('Top-up id') }),
  output: z.object({ topUp: topUpSchema }),
  auth: 'required',
  scopes: ['payments:read'],
  gates: [featureGate('public_api_credits')],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['credits', 'top-up-status'],
  summarize: (out) => `Top-up ${out.topUp.id} of $${(out.topUp.amountCents / 100).toFixed(2)} is ${out.topUp.status}.`,
});
