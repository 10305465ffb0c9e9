import { defineOperation, z } from '@platform/kit';
import { BillingAddress, Currency, PackIdSchema, PlanIdSchema, Subscription } from '../../billing';

export default defineOperation({
  name: 'update_subscription',
  method: 'PATCH',
  path: '/api-tenant-billing-subscription',
  title: 'Change the subscription',
  description: 'Change plan or seats, reactivate (cancel_at_period_end false), set auto top-up, or edit billing details.',
  input: z.object({
    package_id: PlanIdSchema.optional().describe('New plan id'),
    seats: z.number().int().min(1).max(1000).optional().describe('New seat count'),
    cancel_at_period_end: z.boolean().optional().describe('false reactivates a pending cancellation'),
    auto_top_up: z
      .object({ enabled: z.boolean(), threshold_minutes: z.number().min(0).max(100000).optional(), pack_id: PackIdSchema.optional() })
      .optional()
      .describe('Buy pack_id when the balance drops below threshold_minutes'),
    billing_details: z
      .object({
        currency: Currency.optional(),
        tax_id: z.string().max(40).nullable().optional(),
        contact_email: z.email().nullable().optional(),
        address: BillingAddress.optional(),
        shipping_same_as_billing: z.boolean().optional(),
      })
      .optional()
      .describe('Currency (until the first payment), tax id, contact, address'),
  }),
  output: Subscription,
  auth: 'required',
  scopes: ['manage:billing'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'billing',
  cli: ['billing', 'update'],
  summarize: (s) => `${s.plan?.name ?? 'No plan'} (${s.status}), ${s.seats} seat(s)${s.cancel_at_period_end ? `, ends ${s.period_end}` : ''}.`,
});
