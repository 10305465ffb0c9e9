/**
 * @module What Stripe tells us about a subscription (verified webhooks, see checkout-pages.ts),
 * applied to the tenant's billing row: seats and the cancellation flag, the end of the plan, a paid
 * renewal invoice, and payment problems (a failed invoice, past due) for the Billing page's status
 * strip. The plan stays active while Stripe retries a failed payment: only Stripe ending the
 * subscription (deleted, or status canceled / unpaid / incomplete_expired) ends it here.
 */
import type { TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { queueNotice } from './notices';
import { type AccountRow, allowanceOf, type MinutesPool, num, round } from './pool';
import { formatMoney } from './present';

const amountText = (cents: number | null, currency: string | null) => (cents !== null && currency ? ` of ${formatMoney(cents, currency)}` : '');

export type ProviderSubscriptionEvent =
  | { kind: 'subscription_updated'; eventId: string; subscriptionId: string; status: string; cancelAtPeriodEnd: boolean; quantity: number | null; occurredAt: Date }
  | { kind: 'subscription_deleted'; eventId: string; subscriptionId: string }
  | { kind: 'invoice_paid'; eventId: string; invoiceId: string; subscriptionId: string; billingReason: string | null; periodStart: Date; periodEnd: Date }
  | { kind: 'invoice_payment_failed'; eventId: string; invoiceId: string; subscriptionId: string; amountDueCents: number | null; currency: string | null; nextAttemptAt: Date | null; occurredAt: Date };

export type ProviderEventOutcome = 'applied' | 'unchanged' | 'unknown';

const ENDING_STATUSES = ['canceled', 'incomplete_expired', 'unpaid'];

const NO_ISSUE = {
  payment_issue: null,
  payment_issue_since: null,
  payment_issue_next_attempt_at: null,
  payment_issue_amount_due_cents: null,
  payment_issue_currency: null,
  payment_issue_invoice_id: null,
} as const;

/** The plan ends now: canceled, included minutes removed (purchased minutes stay), no payment problem left to show. */
export async function endPlan(pool: MinutesPool, trx: TrainArExecutor, start: AccountRow): Promise<AccountRow> {
  const included = num(start.included_minutes);
  const row = await pool.update(trx, start, { status: 'canceled', cancel_at_period_end: false, included_minutes: 0, used_this_period: 0, ...NO_ISSUE });
  if (included !== 0) await pool.ledger(trx, row, { type: 'adjustment', minutes: -included, pool: 'included' });
  return row;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Found by the provider's subscription id (unknown ids: `unknown`). Replays change nothing: a
 * renewal whose period already started, a failure already recorded with the same invoice and next
 * attempt, a past-due or active status that is already what the row says.
 */
export async function applyProviderEvent(deps: ServiceDeps, pool: MinutesPool, event: ProviderSubscriptionEvent): Promise<ProviderEventOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('billing_accounts').select('tenant_id').where('provider_subscription_id', '=', event.subscriptionId).executeTakeFirst();
    if (!found) return 'unknown';
    let row = await pool.lock(trx, found.tenant_id);
    if (row.status !== 'active') return 'unchanged';
    if (event.kind === 'subscription_deleted' || (event.kind === 'subscription_updated' && ENDING_STATUSES.includes(event.status))) {
      await endPlan(pool, trx, row);
      return 'applied';
    }
    if (event.kind === 'invoice_payment_failed') {
      const same =
        row.payment_issue === 'payment_failed' &&
        row.payment_issue_invoice_id === event.invoiceId &&
        sameTime(row.payment_issue_next_attempt_at, event.nextAttemptAt) &&
        row.payment_issue_amount_due_cents === event.amountDueCents;
      if (same) return 'unchanged';
      await pool.update(trx, row, {
        payment_issue: 'payment_failed',
        // A retry that fails again keeps the date the problem began.
        payment_issue_since: row.payment_issue_since ?? event.occurredAt,
        payment_issue_next_attempt_at: event.nextAttemptAt,
        payment_issue_amount_due_cents: event.amountDueCents,
        payment_issue_currency: event.currency?.toLowerCase() ?? null,
        payment_issue_invoice_id: event.invoiceId,
      });
      const retry = event.nextAttemptAt
        ? `Stripe will try the card again on ${event.nextAttemptAt.toISOString().slice(0, 10)}; the plan stays active meanwhile.`
        : 'Stripe will not try the card again on its own: update the card to keep the plan.';
      await queueNotice(
        deps,
        trx,
        { tenant_id: row.tenant_id, kind: 'payment_failed', detail: `Stripe could not take the subscription payment${amountText(event.amountDueCents, event.currency)}. ${retry}` },
        event.eventId,
      );
      return 'applied';
    }
    if (event.kind === 'subscription_updated') {
      let changed = false;
      if (event.status === 'past_due' && row.payment_issue !== 'past_due') {
        // Keeps what a failed invoice already told us (amount, next attempt); the subscription is now overdue.
        row = await pool.update(trx, row, { payment_issue: 'past_due', payment_issue_since: row.payment_issue_since ?? event.occurredAt });
        await queueNotice(deps, trx, { tenant_id: row.tenant_id, kind: 'past_due', detail: 'Your TrainAR subscription is past due: its payment keeps failing. The plan ends if Stripe cannot collect it.' }, event.eventId);
        changed = true;
      } else if (event.status === 'active' && row.payment_issue) {
        row = await pool.update(trx, row, NO_ISSUE);
        changed = true;
      }
      const seats = event.quantity ?? row.seats;
      if (seats === row.seats && event.cancelAtPeriodEnd === row.cancel_at_period_end) return changed ? 'applied' : 'unchanged';
      const before = allowanceOf(row);
      row = await pool.update(trx, row, { seats, cancel_at_period_end: event.cancelAtPeriodEnd });
      const delta = round(Math.max(allowanceOf(row) - before, -num(row.included_minutes)));
      if (delta !== 0) await pool.credit(trx, row, { type: 'adjustment', minutes: delta, pool: 'included', ref: event.eventId });
      return 'applied';
    }
    // invoice.paid: the failed invoice (or, for a past-due mark without one, any invoice) is paid, so the problem is over.
    // Another invoice paid meanwhile (a proration) leaves a failed one standing.
    const cleared = row.payment_issue !== null && (row.payment_issue_invoice_id === null || row.payment_issue_invoice_id === event.invoiceId);
    if (cleared) row = await pool.update(trx, row, NO_ISSUE);
    if (event.billingReason !== 'subscription_cycle') return cleared ? 'applied' : 'unchanged'; // the first invoice is the checkout's
    if (row.period_start && row.period_start.getTime() >= event.periodStart.getTime()) return cleared ? 'applied' : 'unchanged';
    const included = num(row.included_minutes);
    const allowance = allowanceOf(row);
    row = await pool.update(trx, row, { period_start: event.periodStart, period_end: event.periodEnd, included_minutes: allowance, used_this_period: 0 });
    await pool.ledger(trx, row, { type: 'renewal', minutes: round(allowance - included), pool: 'included', ref: event.invoiceId });
    return 'applied';
  });
}
