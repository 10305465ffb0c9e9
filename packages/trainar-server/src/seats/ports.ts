/**
 * @module What the seats module needs from others, as interfaces the composition root (services.ts)
 * wires: the seat allowance (billing's subscription) and the release of a removed seat's device.
 */
import type { TrainArExecutor } from '../platform/db';

/**
 * How many seats a tenant may hold, and under which plan: the billing module's subscription seats
 * (spec 2.11; one on the trial or after cancellation). With `db` the answer is read in the caller's
 * transaction (required inside one: PGlite has a single connection).
 */
export interface SeatAllowance {
  seatLimit(tenantId: string, db?: TrainArExecutor): Promise<{ seatLimit: number; plan: string }>;
}

/** Unpairs the device held by a seat that is being removed (devices module); returns its id. */
export interface SeatDeviceRelease {
  releaseSeat(trx: TrainArExecutor, tenantId: string, seatId: string): Promise<string | null>;
}
