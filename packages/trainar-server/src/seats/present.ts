/** @module Seat and order rows → API shapes. */
import type { Order, Seat } from '@trainar/api';
import { iso } from '../platform/db';
import type { HardwareOrdersTable, SeatsTable } from './tables';

export interface SeatRow extends SeatsTable {
  user_name: string | null;
  user_email: string | null;
  device_id: string | null;
}

/** `45****545`: enough to check the glasses in hand, not the whole serial (spec 2.4). */
export function maskSerial(serial: string): string {
  if (serial.length <= 5) return '*'.repeat(serial.length);
  return `${serial.slice(0, 2)}****${serial.slice(-3)}`;
}

export function presentSeat(row: SeatRow): Seat {
  return {
    id: row.id,
    short_id: row.id.replace(/-/g, '').slice(0, 8),
    roles: row.roles as Seat['roles'],
    status: row.status,
    user_id: row.user_id,
    user_name: row.user_name,
    user_email: row.user_email,
    expected_device: row.expected_model && row.expected_serial ? { model: row.expected_model, serial_masked: maskSerial(row.expected_serial) } : null,
    device_id: row.device_id,
    created_at: iso(row.created_at) as string,
  };
}

export function presentOrder(row: HardwareOrdersTable): Order {
  return {
    id: row.id,
    seat_id: row.seat_id,
    product: row.product as Order['product'],
    model: row.model,
    price: Number(row.price),
    currency: row.currency,
    status: row.status,
    financing: row.financing as Order['financing'],
    sandbox: row.sandbox,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}
