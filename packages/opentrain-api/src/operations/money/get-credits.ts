import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { ledgerEntrySchema } from './schemas';

export default defineOperation({
  name: 'opentrain_get_credits',
  toolset: 'credits',
  method: 'GET',
  path: '/credits',
  description: "The account's credit balance in cents (available, reserved in escrow) and its 10 most recent ledger entries.",
  input: z.object({}),
  output: z.object({
    credits: z.object({
      availableCents: z.number().int(),
      reservedCents: z.number().int(),
      currency: z.literal('usd'),
      recentEntries: z.array(ledgerEntrySchema),
    }),
  }),
  auth: 'required',
  scopes: ['payments:read'],
  gates: [featureGate('public_api_credits')],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['credits', 'balance'],
  summarize: (out) => `Credits: $${(out.credits.availableCents / 100).toFixed(2)} available, $${(out.credits.reservedCents / 100).toFixed(2)} reserved in escrow.`,
});
