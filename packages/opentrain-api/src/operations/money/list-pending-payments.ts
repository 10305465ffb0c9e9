import { defineOperation, z } from '@platform/kit';
import { pendingPaymentSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_list_pending_payments',
  toolset: 'payments',
  method: 'GET',
  path: '/payments/pending',
  description: 'Milestone payments waiting on the human: funding (PENDING_FUNDING) and payouts (PENDING_PAYOUT) with their approval links.',
  input: z.object({}),
  output: z.object({ payments: z.array(pendingPaymentSchema) }),
  auth: 'required',
  scopes: ['payments:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['payments', 'pending'],
  summarize: (out) =>
    [
      `${out.payments.length} pending payment(s).`,
      ...out.payments.map((p) => `- ${p.invoiceNumber} ${p.status} $${p.amountUsd.toFixed(2)} milestone ${p.milestone.id}: confirm at ${p.approvalUrl}`),
    ].join('\n'),
});
