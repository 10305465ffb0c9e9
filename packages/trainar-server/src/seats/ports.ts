/**
 * @module What the seats module needs from other modules, as interfaces the composition root
 * (composition.ts) wires: the seat allowance (billing's subscription), the release of a removed
 * seat's device and a seat's pairing code (devices module, built after seats: wired late-bound),
 * and the tenant's users (the seat table's Reassign).
 */
import type { PairingCode } from '@trainar/api';
import type { TrainArExecutor } from '../platform/db';
import type { UserService } from '../users';

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

/** Dashboard → Seats → Pair Device issues a pairing code for the seat (devices module). */
export interface SeatPairing {
  generatePairingCode(tenantId: string, seatId: string): Promise<PairingCode>;
}

export interface SeatsPorts {
  /** A seat add is refused past the subscription's seats. */
  allowance: SeatAllowance;
  /** Removing a seat unpairs its glasses in the same transaction. */
  deviceRelease: SeatDeviceRelease;
  /** The Pair Device card on Dashboard → Seats. */
  pairing: SeatPairing;
  /** Dashboard → Seats offers the tenant's active users for a seat. */
  users: Pick<UserService, 'list'>;
}
