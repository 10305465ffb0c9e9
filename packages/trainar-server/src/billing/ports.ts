/**
 * @module What billing offers other modules (the composition root wires them): the sessions module
 * meters minutes through `MinutesMeter`; the seats module reads its limit through `SeatAllowance`.
 */
import type { TrainArExecutor } from '../db';

export type AllowanceAction = 'continue' | 'warn' | 'stop';

export interface Allowance {
  remaining: number;
  /** continue; warn: under WARN_MINUTES left, tell the wearer; stop: nothing left, end the session (and start none). */
  action: AllowanceAction;
}

export interface UsageRecorded extends Allowance {
  /** Minutes taken from the pool (may be less than asked once the overdraft bound is reached). */
  charged: number;
  /** Minutes past the overdraft bound: kept on the ledger, not charged. */
  unbilled: number;
  /** True when this usage triggered an auto top-up pack. */
  autoToppedUp: boolean;
}

export interface MinutesMeter {
  /** Debits active session time (fractional minutes, > 0) from the tenant pool, in `executor` when given. */
  recordUsage(tenantId: string, sessionId: string, minutes: number, options?: { userId?: string | null; executor?: TrainArExecutor }): Promise<UsageRecorded>;
  checkAllowance(tenantId: string, executor?: TrainArExecutor): Promise<Allowance>;
}

export interface SeatAllowance {
  /** Seats the subscription pays for (1 on trial or after cancellation). */
  seatLimit(tenantId: string): Promise<number>;
}
