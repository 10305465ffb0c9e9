/**
 * @module What the seats module needs from others, as interfaces the composition root (services.ts)
 * wires: the seat allowance (billing takes it over) and the release of a removed seat's device.
 */
import type { TrainArExecutor } from '../db';

/**
 * How many seats a tenant may hold, and under which plan. Until billing exists this is
 * `TableSeatAllowance` (seats/allowance.ts): a new tenant is on a one-seat trial. The billing module
 * replaces it with the subscription's seat count (spec 2.11) by wiring its own implementation here.
 */
export interface SeatAllowance {
  seatLimit(tenantId: string, db?: TrainArExecutor): Promise<{ seatLimit: number; plan: string }>;
}

/** Unpairs the device held by a seat that is being removed (devices module); returns its id. */
export interface SeatDeviceRelease {
  releaseSeat(trx: TrainArExecutor, tenantId: string, seatId: string): Promise<string | null>;
}
