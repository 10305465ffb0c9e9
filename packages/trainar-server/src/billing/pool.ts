/**
 * @module The tenant minute pool and its ledger. Every change runs in a transaction holding the
 * tenant's billing row (`select … for update`), so concurrent sessions are serialised and the pool
 * never double-spends. Reading the row first applies what the clock says is due: renewal (included
 * minutes refreshed) or the end of a cancelled plan. The row is created lazily with the welcome minutes.
 *
 * Exhaustion policy (bounded negative): usage drains `included` first, then `purchased`; the
 * balance may go down to -OVERDRAFT_MINUTES (a session is not cut mid-sentence), anything past that
 * is recorded as unbilled. checkAllowance says `warn` under WARN_MINUTES and `stop` at zero or below.
 */
import { badRequest } from '@platform/kit';
import { PACKS, PLANS } from '@trainar/api';
import type { BillingAccountsTable, TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import type { Allowance, MinutesMeter, UsageRecorded } from './ports';

export const WELCOME_MINUTES = 30;
export const OVERDRAFT_MINUTES = 5;
export const WARN_MINUTES = 10;

export type AccountRow = BillingAccountsTable;
export type Pack = (typeof PACKS)[number];
type LedgerType = 'welcome' | 'subscription_grant' | 'renewal' | 'purchase' | 'auto_topup' | 'usage' | 'adjustment';

/** Minutes are stored with 4 decimals; rounding here keeps float noise out of comparisons. */
export const round = (n: number) => Math.round(n * 10000) / 10000;
export const num = (v: string | number) => Number(v);
export const remainingOf = (a: AccountRow) => round(num(a.included_minutes) + num(a.purchased_minutes));
export const allowanceOf = (a: AccountRow) => {
  const plan = PLANS.find((p) => p.id === a.plan_id);
  return plan && a.status === 'active' ? plan.minutes_per_seat * a.seats : 0;
};
export const actionFor = (remaining: number) => (remaining <= 0 ? 'stop' : remaining < WARN_MINUTES ? 'warn' : 'continue');

export function addMonth(d: Date): Date {
  const next = new Date(d);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

export interface LedgerEntry {
  type: LedgerType;
  minutes: number;
  pool: 'included' | 'purchased';
  sessionId?: string | null;
  userId?: string | null;
  unbilled?: number;
  ref?: string | null;
}

export class MinutesPool implements MinutesMeter {
  readonly overdraftMinutes = OVERDRAFT_MINUTES;
  readonly warnMinutes = WARN_MINUTES;
  /**
   * Without `queueTopUp` (the sandbox) an auto top-up pack is credited in the usage transaction; with
   * it (Stripe) a charge of the saved card is queued instead (auto-top-up.ts), answering whether one was.
   */
  constructor(
    private readonly deps: ServiceDeps,
    private readonly queueTopUp?: (trx: TrainArExecutor, row: AccountRow, pack: Pack) => Promise<boolean>,
  ) {}

  inTransaction<T>(executor: TrainArExecutor | undefined, run: (trx: TrainArExecutor) => Promise<T>): Promise<T> {
    return executor ? run(executor) : this.deps.db.transaction().execute(run);
  }

  /** The tenant's row, locked for the caller's transaction, created with the welcome minutes if new, brought up to date with the clock. */
  async lock(trx: TrainArExecutor, tenantId: string): Promise<AccountRow> {
    const now = this.deps.clock.now();
    const inserted = await trx
      .insertInto('billing_accounts')
      .values({
        tenant_id: tenantId,
        status: 'trial',
        plan_id: null,
        seats: 1,
        period_start: null,
        period_end: null,
        cancel_at_period_end: false,
        included_minutes: 0,
        purchased_minutes: WELCOME_MINUTES,
        used_this_period: 0,
        currency: null,
        currency_locked: false,
        tax_id: null,
        contact_email: null,
        address: JSON.stringify({}) as never,
        shipping_same_as_billing: true,
        auto_top_up_enabled: false,
        auto_top_up_threshold: 100,
        auto_top_up_pack_id: 'pack_500',
        provider_customer_id: null,
        provider_subscription_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .returning('tenant_id')
      .executeTakeFirst();
    let row = await trx.selectFrom('billing_accounts').selectAll().where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
    if (inserted) await this.ledger(trx, row, { type: 'welcome', minutes: WELCOME_MINUTES, pool: 'purchased' });
    row = await this.applyDue(trx, row, now);
    return row;
  }

  /** Renewals (and the end of a cancelled plan) that fell due, period by period. */
  private async applyDue(trx: TrainArExecutor, row: AccountRow, now: Date): Promise<AccountRow> {
    let current = row;
    while (current.status === 'active' && current.period_end && current.period_end.getTime() <= now.getTime()) {
      const included = num(current.included_minutes);
      if (current.cancel_at_period_end) {
        current = await this.update(trx, current, { status: 'canceled', cancel_at_period_end: false, included_minutes: 0, used_this_period: 0 });
        if (included !== 0) await this.ledger(trx, current, { type: 'adjustment', minutes: -included, pool: 'included' });
        break;
      }
      const allowance = allowanceOf(current);
      const start = current.period_end;
      current = await this.update(trx, current, { period_start: start, period_end: addMonth(start), included_minutes: allowance, used_this_period: 0 });
      await this.ledger(trx, current, { type: 'renewal', minutes: round(allowance - included), pool: 'included' });
    }
    return current;
  }

  async update(trx: TrainArExecutor, row: AccountRow, patch: Partial<Omit<AccountRow, 'tenant_id'>>): Promise<AccountRow> {
    return trx
      .updateTable('billing_accounts')
      .set({ ...patch, updated_at: this.deps.clock.now() } as never)
      .where('tenant_id', '=', row.tenant_id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Appends a ledger row; `row` must already hold the balances after the change. */
  async ledger(trx: TrainArExecutor, row: AccountRow, e: LedgerEntry): Promise<void> {
    await trx
      .insertInto('minute_transactions')
      .values({
        id: crypto.randomUUID(),
        tenant_id: row.tenant_id,
        type: e.type,
        minutes: round(e.minutes),
        pool: e.pool,
        session_id: e.sessionId ?? null,
        user_id: e.userId ?? null,
        balance_after: remainingOf(row),
        unbilled_minutes: round(e.unbilled ?? 0),
        stripe_ref: e.ref ?? null,
        created_at: this.deps.clock.now(),
      })
      .execute();
  }

  /** Adds minutes to a pool with its ledger row. */
  async credit(trx: TrainArExecutor, row: AccountRow, e: LedgerEntry): Promise<AccountRow> {
    const patch = e.pool === 'included' ? { included_minutes: round(num(row.included_minutes) + e.minutes) } : { purchased_minutes: round(num(row.purchased_minutes) + e.minutes) };
    const next = await this.update(trx, row, patch);
    await this.ledger(trx, next, e);
    return next;
  }

  async recordUsage(tenantId: string, sessionId: string, minutes: number, options: { userId?: string | null; executor?: TrainArExecutor } = {}): Promise<UsageRecorded> {
    if (!Number.isFinite(minutes) || minutes <= 0) throw badRequest('minutes must be a positive number of active session minutes');
    const asked = round(minutes);
    return this.inTransaction(options.executor, async (trx) => {
      let row = await this.lock(trx, tenantId);
      const included = num(row.included_minutes);
      const purchased = num(row.purchased_minutes);
      const charged = round(Math.max(0, Math.min(asked, included + purchased + OVERDRAFT_MINUTES)));
      const fromIncluded = round(Math.min(Math.max(included, 0), charged));
      const fromPurchased = round(charged - fromIncluded);
      const unbilled = round(asked - charged);
      const base = { type: 'usage' as const, sessionId, userId: options.userId ?? null };
      if (fromIncluded > 0) {
        row = await this.update(trx, row, { included_minutes: round(included - fromIncluded), used_this_period: round(num(row.used_this_period) + fromIncluded) });
        await this.ledger(trx, row, { ...base, minutes: -fromIncluded, pool: 'included', unbilled: fromPurchased > 0 ? 0 : unbilled });
      }
      if (fromPurchased > 0 || fromIncluded === 0) {
        row = await this.update(trx, row, { purchased_minutes: round(purchased - fromPurchased), used_this_period: round(num(row.used_this_period) + fromPurchased) });
        await this.ledger(trx, row, { ...base, minutes: -fromPurchased, pool: 'purchased', unbilled });
      }
      const topUp = await this.autoTopUp(trx, row);
      row = topUp.row ?? row;
      const remaining = remainingOf(row);
      return { charged, unbilled, remaining, action: actionFor(remaining), autoToppedUp: topUp.row !== null, autoTopUpQueued: topUp.queued };
    });
  }

  /**
   * Threshold → pack, at most one pack per usage record. The sandbox "charges" at once and credits
   * here; with Stripe no money has moved yet, so only a charge is queued (minutes follow its success).
   */
  private async autoTopUp(trx: TrainArExecutor, row: AccountRow): Promise<{ row: AccountRow | null; queued: boolean }> {
    const none = { row: null, queued: false };
    if (!row.auto_top_up_enabled || remainingOf(row) >= num(row.auto_top_up_threshold)) return none;
    const pack = PACKS.find((p) => p.id === row.auto_top_up_pack_id);
    if (!pack) return none;
    if (this.queueTopUp) return { row: null, queued: await this.queueTopUp(trx, row, pack) };
    const locked = row.currency_locked ? row : await this.update(trx, row, { currency: row.currency ?? 'gbp', currency_locked: true });
    return { row: await this.credit(trx, locked, { type: 'auto_topup', minutes: pack.minutes, pool: 'purchased', ref: `sandbox_auto_${pack.id}` }), queued: false };
  }

  async checkAllowance(tenantId: string, executor?: TrainArExecutor): Promise<Allowance> {
    return this.inTransaction(executor, async (trx) => {
      const remaining = remainingOf(await this.lock(trx, tenantId));
      return { remaining, action: actionFor(remaining) };
    });
  }
}
