import { defineOperation, z } from '@platform/kit';
import { CheckoutCreated, PlanIdSchema, summarizeCheckout } from '../../billing';

export default defineOperation({
  name: 'create_subscription',
  method: 'POST',
  path: '/api-tenant-billing-subscription',
  title: 'Start a subscription',
  description: 'Start a paid plan: returns a checkout URL; the plan is active once a person pays there.',
  input: z.object({
    package_id: PlanIdSchema.describe('Plan id: starter, professional or enterprise'),
    seats: z.number().int().min(1).max(1000).describe('Number of seats'),
    coupon: z.string().max(60).optional().describe('Coupon code (checked at checkout)'),
  }),
  output: CheckoutCreated,
  successStatus: 201,
  auth: 'required',
  scopes: ['manage:billing'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  toolset: 'billing',
  cli: ['billing', 'subscribe'],
  summarize: summarizeCheckout,
});
