/**
 * @module What billing offers other modules (the composition root wires them): the sessions module
 * meters minutes through `MinutesMeter`; the seats module reads its limit through the seats module's `SeatAllowance` port, which
 * BillingService implements (in the caller's transaction); billing counts seats in use through `SeatsInUse`.
 */
import type { TrainArExecutor } from '../platform/db';

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
  /** True when this usage credited an auto top-up pack (sandbox: at once). */
  autoToppedUp: boolean;
  /** True when this usage queued an off-session auto top-up charge (Stripe): the pack's minutes arrive once the charge succeeds. */
  autoTopUpQueued: boolean;
}

export interface MinutesMeter {
  /** Debits active session time (fractional minutes, > 0) from the tenant pool, in `executor` when given. */
  recordUsage(tenantId: string, sessionId: string, minutes: number, options?: { userId?: string | null; executor?: TrainArExecutor }): Promise<UsageRecorded>;
  checkAllowance(tenantId: string, executor?: TrainArExecutor): Promise<Allowance>;
}

/** What billing needs from the seats module: how many seats exist, in the caller's transaction. */
export interface SeatsInUse {
  count(trx: TrainArExecutor, tenantId: string): Promise<number>;
}

/** What billing needs from the users module: whom to tell when a payment fails. */
export interface TenantAdmins {
  activeAdmins(tenantId: string): Promise<Array<{ email: string; fullName: string }>>;
}

export interface BillingPorts {
  /** A seat reduction is refused while more seats are in use. */
  seats: SeatsInUse;
  /** Mailed when a payment fails or auto top-up stops (notices.ts). */
  admins: TenantAdmins;
}
