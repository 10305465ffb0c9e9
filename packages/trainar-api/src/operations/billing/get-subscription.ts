import { defineOperation, z } from '@platform/kit';
import { Subscription } from '../../billing';

export default defineOperation({
  name: 'get_subscription',
  method: 'GET',
  path: '/api-tenant-billing-subscription',
  title: 'Get the subscription',
  description: 'Your plan, status, seats, included minutes per period, billing period and any pending cancellation.',
  input: z.object({}),
  output: Subscription,
  auth: 'required',
  scopes: ['read:billing'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'billing',
  cli: ['billing', 'subscription'],
  summarize: (s) =>
    s.plan
      ? `${s.plan.name} (${s.status}), ${s.seats} seat(s), ${s.included_minutes_per_period} included minutes per period${s.period_end ? `, ${s.cancel_at_period_end ? 'ends' : 'renews'} ${s.period_end}` : ''}.`
      : `No paid plan (${s.status}), ${s.seats} seat. Start one with create_subscription.`,
});
