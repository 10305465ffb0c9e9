import { defineOperation, z } from '@platform/kit';
import { Subscription } from '../../billing';

export default defineOperation({
  name: 'cancel_subscription',
  method: 'POST',
  path: '/api-tenant-billing-subscription-cancel',
  title: 'Cancel the subscription',
  description: 'Cancel at the period end (default; undo with update_subscription cancel_at_period_end false) or now.',
  input: z.object({ at_period_end: z.boolean().default(true).describe('false ends the plan and its included minutes now') }),
  output: Subscription,
  auth: 'required',
  scopes: ['manage:billing'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  toolset: 'billing',
  cli: ['billing', 'cancel'],
  summarize: (s) => (s.status === 'canceled' ? 'Subscription canceled.' : `Subscription ends ${s.period_end}; reactivate with update_subscription before then.`),
});
