/**
 * @module Hardware orders (spec 2.4 `list_orders`). There is no supplier yet: orders are sandbox
 * orders, paid at checkout, and the dashboard's "Advance order" moves them paid → shipped →
 * delivered. Delivery registers a sandbox serial on the seat, which becomes ready_to_pair.
 */
import { conflict, notFound } from '@platform/kit';
import type { HardwareProduct, Order } from '@trainar/api';
import type { ServiceDeps } from '../platform/deps';
import { presentOrder } from './present';
import type { SeatService } from './service';

const NEXT_STATUS: Partial<Record<Order['status'], Order['status']>> = { pending: 'paid', paid: 'shipped', shipped: 'delivered' };

export class OrderService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly seats: SeatService,
  ) {}

  async order(tenantId: string, seatId: string, product: HardwareProduct, financing: string): Promise<Order> {
    const id = await this.deps.db.transaction().execute((trx) => this.seats.placeOrder(trx, tenantId, seatId, product, financing));
    return this.get(tenantId, id);
  }

  async get(tenantId: string, orderId: string): Promise<Order> {
    const row = await this.deps.db.selectFrom('hardware_orders').selectAll().where('id', '=', orderId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) throw notFound(`No order ${orderId} in this tenant. List orders with list_orders.`, { field: 'order_id' });
    return presentOrder(row);
  }

  async list(tenantId: string, filter: { status?: Order['status'] } = {}) {
    let q = this.deps.db.selectFrom('hardware_orders').selectAll().where('tenant_id', '=', tenantId);
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
    return { orders: rows.map(presentOrder), total: rows.length };
  }

  /** Sandbox only: the next status; on delivery the seat learns its glasses' serial. */
  async advance(tenantId: string, orderId: string): Promise<Order> {
    const { db, clock } = this.deps;
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('hardware_orders').selectAll().where('id', '=', orderId).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
      if (!row) throw notFound(`No order ${orderId} in this tenant.`, { field: 'order_id' });
      const next = NEXT_STATUS[row.status];
      if (!row.sandbox || !next) throw conflict(`Order ${orderId} is ${row.status}${row.sandbox ? '' : ' and not a sandbox order'}; it cannot be advanced.`, { field: 'order_id' });
      const now = clock.now();
      const serial = next === 'delivered' ? `SBX${crypto.randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}` : row.serial;
      await trx.updateTable('hardware_orders').set({ status: next, serial, updated_at: now }).where('id', '=', orderId).execute();
      if (next === 'delivered' && row.seat_id) {
        await trx
          .updateTable('seats')
          .set({ status: 'ready_to_pair', expected_model: row.model, expected_serial: serial, updated_at: now })
          .where('id', '=', row.seat_id)
          .where('tenant_id', '=', tenantId)
          .where('status', '=', 'awaiting_delivery')
          .execute();
      }
    });
    return this.get(tenantId, orderId);
  }
}
