import { defineOperation, z } from '@platform/kit';
import { BillingDetails } from '../../billing';

export default defineOperation({
  name: 'get_billing_details',
  method: 'GET',
  path: '/api-tenant-billing-details',
  title: 'Get billing details',
  description: 'Currency, tax id, contact, billing address, payment provider and auto top-up settings.',
  input: z.object({}),
  output: BillingDetails,
  auth: 'required',
  scopes: ['read:billing'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'billing',
  cli: ['billing', 'details'],
  summarize: (d) =>
    `Currency ${d.currency ?? 'not set'}${d.currency_locked ? ' (fixed)' : ''}, tax id ${d.tax_id ?? 'none'}, auto top-up ${d.auto_top_up.enabled ? `on (below ${d.auto_top_up.threshold_minutes} → ${d.auto_top_up.pack_id})` : 'off'}.`,
});
