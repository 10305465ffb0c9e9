import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { topUpAmount } from './amounts';
import { topUpSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_create_credit_top_up',
  toolset: 'credits',
  method: 'POST',
  path: '/credits/top-ups',
  description: 'Create a credit top-up ($10-$10,000): returns a checkout URL for the human to pay (valid 24 h). Charges nothing by itself.',
  input: z.object({
    amountUsd: topUpAmount('Top-up amount').optional(),
    amount: topUpAmount('Alias of amountUsd, an amount').optional(),
  }),
  output: z.object({
    topUpId: z.string(),
    checkoutUrl: z.string(),
    expiresAt: z.string(),
    topUp: topUpSchema,
    message: z.string(),
  }),
  auth: 'required',
  scopes: ['payments:write'],
  gates: [claimedGate('create top-ups'), featureGate('public_api_credits')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  successStatus: 201,
  cli: ['credits', 'top-up'],
  summarize: (out) => `${out.message} Checkout: ${out.checkoutUrl} (expires ${out.expiresAt}).`,
});
