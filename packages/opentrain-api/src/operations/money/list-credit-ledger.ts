import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { ledgerEntrySchema } from './schemas';

export default defineOperation({
  name: 'opentrain_list_credit_ledger',
  toolset: 'credits',
  method: 'GET',
  path: '/credits/ledger',
  description: 'Page through the credit ledger, newest first (TOP_UP, HOLD, HOLD_RELEASE, CAPTURE, REFUND, ADJUSTMENT; signed cents).',
  input: z.object({
    cursor: z.string().max(300).optional().describe('nextCursor of the previous page'),
    limit: z.number().int().min(1).max(100).optional().describe('1-100, default 50'),
  }),
  output: z.object({
    entries: z.array(ledgerEntrySchema),
    nextCursor: z.string().nullable(),
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
  cli: ['credits', 'ledger'],
  summarize: (out) =>
    [
      `${out.entries.length} entr${out.entries.length === 1 ? 'y' : 'ies'}${out.nextCursor ? ' (more: pass nextCursor)' : ''}.`,
      ...out.entries.map((e) => `- ${e.createdAt} ${e.type} ${e.amountCents}c${e.note ? ` ${e.note}` : ''}`),
    ].join('\n'),
});
