/**
 * @module The seat allowance before billing: a row in `seat_allowances` per tenant. A tenant
 * without a row is on the trial: one seat (spec 2.3/issue: "a new tenant starts on a trial with one
 * seat, so it can pair glasses at once"). Operators or the billing module write the row.
 */
import type { TrainArExecutor } from '../db';
import type { ServiceDeps } from '../deps';
import type { SeatAllowance } from './ports';

export const TRIAL_PLAN = 'trial';
export const TRIAL_SEATS = 1;

export class TableSeatAllowance implements SeatAllowance {
  constructor(private readonly deps: ServiceDeps) {}

  async seatLimit(tenantId: string, db: TrainArExecutor = this.deps.db) {
    const row = await db.selectFrom('seat_allowances').select(['seat_limit', 'plan']).where('tenant_id', '=', tenantId).executeTakeFirst();
    return row ? { seatLimit: row.seat_limit, plan: row.plan } : { seatLimit: TRIAL_SEATS, plan: TRIAL_PLAN };
  }

  /** Sets a tenant's seat limit (operator or billing). */
  async set(tenantId: string, seatLimit: number, plan: string) {
    const now = this.deps.clock.now();
    await this.deps.db
      .insertInto('seat_allowances')
      .values({ tenant_id: tenantId, seat_limit: seatLimit, plan, updated_at: now })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ seat_limit: seatLimit, plan, updated_at: now }))
      .execute();
  }
}
