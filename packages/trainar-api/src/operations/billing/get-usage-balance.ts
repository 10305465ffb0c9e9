import { defineOperation, z } from '@platform/kit';
import { UsageBalance } from '../../billing';

export default defineOperation({
  name: 'get_usage_balance',
  method: 'GET',
  path: '/api-tenant-minutes-balance',
  title: 'Get the minute balance',
  description: 'Remaining minutes in the tenant pool: included (this period), purchased, used this period.',
  input: z.object({}),
  output: UsageBalance,
  auth: 'required',
  scopes: ['read:billing'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'billing',
  cli: ['billing', 'balance'],
  summarize: (b) =>
    `${b.remaining} minutes left (${b.included} included, ${b.purchased} purchased); ${b.used_this_period} used this period; sessions: ${b.action}.${b.auto_top_up_stopped ? ` Auto top-up was turned off (${b.auto_top_up_stopped.reason}): update the card on ${b.auto_top_up_stopped.next}, then re-enable it.` : ''}`,
});
