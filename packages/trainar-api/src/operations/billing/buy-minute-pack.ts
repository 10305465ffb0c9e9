import { defineOperation, z } from '@platform/kit';
import { CheckoutCreated, PackIdSchema, summarizeCheckout } from '../../billing';

export default defineOperation({
  name: 'buy_minute_pack',
  method: 'POST',
  path: '/api-tenant-minute-packs',
  title: 'Buy a minute pack',
  description: 'Buy extra minutes (no expiry): returns a checkout URL; minutes are added once a person pays.',
  input: z.object({ pack_id: PackIdSchema.describe('pack_100, pack_500 or pack_1000') }),
  output: CheckoutCreated,
  successStatus: 201,
  auth: 'required',
  scopes: ['manage:billing'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  toolset: 'billing',
  cli: ['billing', 'buy-pack'],
  summarize: summarizeCheckout,
});
