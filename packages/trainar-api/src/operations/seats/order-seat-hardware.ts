import { defineOperation, z } from '@platform/kit';
import { Financing, HardwareProduct, Order } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'order_seat_hardware',
  method: 'POST',
  path: '/api-tenant-orders',
  title: 'Order glasses for a seat',
  description: 'Order glasses from TrainAR for a seat that needs a device; the seat waits for delivery, then is ready_to_pair.',
  input: z.object({
    seat_id: Id.describe('Seat id (UUID)'),
    product: HardwareProduct.describe('inmo_air_3 (£899) or vuzix_blade_2 (£775)'),
    financing: Financing.default('none').describe('Klarna instalments'),
  }),
  output: Order,
  auth: 'required',
  scopes: ['manage:devices'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  toolset: 'devices',
  cli: ['orders', 'create'],
  summarize: (o) => `Order ${o.id}: ${o.model} ${o.price} ${o.currency}, ${o.status}.`,
});
