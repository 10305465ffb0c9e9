/** @module Billing rows → the API shapes (trainar-api billing.ts). */
import { type AutoTopUpStopped, type BillingDetails, type PaymentIssue, PLANS, type Subscription, type UsageBalance } from '@trainar/api';
import { type BillingCheckoutsTable, iso, type MinuteTransactionsTable } from '../platform/db';
import { type AccountRow, actionFor, allowanceOf, num, remainingOf } from './pool';

type Currency = BillingDetails['currency'];

/** An amount in minor units as people read it: `396.00 GBP`. */
export const formatMoney = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;

export function presentSubscription(a: AccountRow, pending: BillingCheckoutsTable | undefined, billingPageUrl: string): Subscription {
  const plan = a.status === 'active' ? PLANS.find((p) => p.id === a.plan_id) : undefined;
  return {
    status: a.status,
    plan: plan ? { id: plan.id, name: plan.name, price_per_seat_cents: plan.price_per_seat_cents, minutes_per_seat: plan.minutes_per_seat } : null,
    seats: a.status === 'active' ? a.seats : 1,
    included_minutes_per_period: allowanceOf(a),
    currency: a.currency as Currency,
    period_start: a.status === 'active' ? iso(a.period_start) : null,
    period_end: a.status === 'active' ? iso(a.period_end) : null,
    cancel_at_period_end: a.cancel_at_period_end,
    pending_checkout: pending ? { id: pending.id, checkout_url: pending.checkout_url, kind: pending.kind } : null,
    payment_issue: presentPaymentIssue(a, billingPageUrl),
    auto_top_up_stopped: presentAutoTopUpStopped(a, billingPageUrl),
  };
}

/** Set when a failed off-session charge turned auto top-up off; cleared when it is enabled again. */
function presentAutoTopUpStopped(a: AccountRow, billingPageUrl: string): AutoTopUpStopped | null {
  if (!a.auto_top_up_stopped_reason) return null;
  return { reason: a.auto_top_up_stopped_reason, message: a.auto_top_up_stopped_message ?? '', since: iso(a.auto_top_up_stopped_at) as string, next: billingPageUrl };
}

/** Only an active plan has a payment problem worth showing (an ended plan clears it anyway). */
function presentPaymentIssue(a: AccountRow, billingPageUrl: string): PaymentIssue | null {
  if (a.status !== 'active' || !a.payment_issue) return null;
  return {
    kind: a.payment_issue,
    since: iso(a.payment_issue_since) as string,
    next_attempt_at: iso(a.payment_issue_next_attempt_at),
    amount_due_cents: a.payment_issue_amount_due_cents,
    currency: a.payment_issue_currency,
    next: billingPageUrl,
  };
}

export function presentDetails(a: AccountRow, provider: string): BillingDetails {
  return {
    currency: a.currency as Currency,
    currency_locked: a.currency_locked,
    tax_id: a.tax_id,
    contact_email: a.contact_email,
    address: a.address ?? {},
    shipping_same_as_billing: a.shipping_same_as_billing,
    payment_provider: provider,
    auto_top_up: { enabled: a.auto_top_up_enabled, threshold_minutes: num(a.auto_top_up_threshold), pack_id: a.auto_top_up_pack_id },
  };
}

export function presentBalance(a: AccountRow, billingPageUrl: string): UsageBalance {
  const remaining = remainingOf(a);
  return {
    remaining,
    included: num(a.included_minutes),
    purchased: num(a.purchased_minutes),
    used_this_period: num(a.used_this_period),
    period_start: a.status === 'active' ? iso(a.period_start) : null,
    period_end: a.status === 'active' ? iso(a.period_end) : null,
    action: actionFor(remaining),
    auto_top_up_stopped: presentAutoTopUpStopped(a, billingPageUrl),
  };
}

export function presentTransaction(t: MinuteTransactionsTable) {
  return {
    id: t.id,
    type: t.type,
    minutes: num(t.minutes),
    pool: t.pool,
    session_id: t.session_id,
    user_id: t.user_id,
    balance_after: num(t.balance_after),
    unbilled_minutes: num(t.unbilled_minutes),
    created_at: iso(t.created_at) as string,
    stripe_ref: t.stripe_ref,
  };
}
