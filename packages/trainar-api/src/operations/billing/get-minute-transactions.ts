import { defineOperation, z } from '@platform/kit';
import { MinuteTransaction, MinuteTransactionType } from '../../billing';
import { IsoDateTime } from '../../reports';
import { limitField, offsetField, page } from '../../schemas';

export default defineOperation({
  name: 'get_minute_transactions',
  method: 'GET',
  path: '/api-tenant-minute-transactions',
  title: 'List minute transactions',
  description: 'Minute grants, purchases and usage, newest first, each with the balance after it.',
  input: z.object({
    from: IsoDateTime.optional().describe('From (ISO date-time)'),
    to: IsoDateTime.optional().describe('Before (ISO date-time)'),
    type: MinuteTransactionType.optional().describe('Only this type'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object({ transactions: z.array(MinuteTransaction), ...page }),
  auth: 'required',
  scopes: ['read:billing'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'billing',
  cli: ['billing', 'transactions'],
  summarize: (o) =>
    o.transactions.length === 0
      ? `No minute transactions (total ${o.total}).`
      : `${o.transactions.length} of ${o.total}: ${o.transactions.map((t) => `${t.type} ${t.minutes} → ${t.balance_after}`).join('; ')}.`,
});
