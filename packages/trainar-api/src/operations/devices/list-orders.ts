import { defineOperation, z } from '@platform/kit';
import { Order, OrderStatus } from '../../device-schemas';

export default defineOperation({
  name: 'list_orders',
  method: 'GET',
  path: '/api-tenant-orders',
  title: 'List hardware orders',
  description: 'List hardware (glasses) orders, newest first, with product, price and status.',
  input: z.object({ status: OrderStatus.optional().describe('Only orders in this status') }),
  output: z.object({ orders: z.array(Order), total: z.number().int() }),
  auth: 'required',
  scopes: ['read:devices'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'devices',
  cli: ['orders', 'list'],
  summarize: (out) => (out.total === 0 ? 'No orders.' : `${out.total} order(s): ${out.orders.map((o) => `${o.model} ${o.status} (${o.id})`).join('; ')}.`),
});
