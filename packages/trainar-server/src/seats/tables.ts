/** @module Seat tables, merged into TrainArTables (module augmentation keeps db.ts free of per-module edits). */
/** A tenant whose trial seat was set up (once; the limit itself is billing's). */
export interface SeatTrialsTable {
  tenant_id: string;
  created_at: Date;
}

export interface SeatsTable {
  id: string;
  tenant_id: string;
  user_id: string | null;
  roles: string[];
  status: 'needs_device' | 'byoh_pending' | 'awaiting_delivery' | 'ready_to_pair' | 'active';
  expected_model: string | null;
  expected_serial: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface HardwareOrdersTable {
  id: string;
  tenant_id: string;
  seat_id: string | null;
  product: string;
  model: string;
  price: string;
  currency: string;
  status: 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';
  financing: string;
  sandbox: boolean;
  serial: string | null;
  created_at: Date;
  updated_at: Date;
}

declare module '../platform/db' {
  interface TrainArTables {
    seat_trials: SeatTrialsTable;
    seats: SeatsTable;
    hardware_orders: HardwareOrdersTable;
  }
}
