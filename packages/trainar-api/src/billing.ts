/**
 * @module Billing and minutes shapes (spec 2.11): the plan and pack catalogue, the subscription,
 * billing details, the minute pool and its transactions. Minutes are decimals (119.25).
 */
import { z } from '@platform/kit';
import { Timestamp } from './schemas';

/** Plans billed per seat per month; each seat brings its included minutes. [I] prices and the two smaller plans. */
export const PLANS = [
  { id: 'starter', name: 'Starter Plan', price_per_seat_cents: 4900, minutes_per_seat: 300 },
  { id: 'professional', name: 'Professional Plan', price_per_seat_cents: 9900, minutes_per_seat: 700 },
  { id: 'enterprise', name: 'Enterprise Plan', price_per_seat_cents: 14900, minutes_per_seat: 1200 },
] as const;
export type PlanId = (typeof PLANS)[number]['id'];
export const PlanIdSchema = z.enum(PLANS.map((p) => p.id) as [PlanId, ...PlanId[]], { message: `unknown plan; plans: ${PLANS.map((p) => p.id).join(', ')}` });

/** One-off minute packs (no expiry). [I] sizes and prices. */
export const PACKS = [
  { id: 'pack_100', minutes: 100, price_cents: 2500 },
  { id: 'pack_500', minutes: 500, price_cents: 11000 },
  { id: 'pack_1000', minutes: 1000, price_cents: 20000 },
] as const;
export type PackId = (typeof PACKS)[number]['id'];
export const PackIdSchema = z.enum(PACKS.map((p) => p.id) as [PackId, ...PackId[]], { message: `unknown pack; packs: ${PACKS.map((p) => p.id).join(', ')}` });

export const CURRENCIES = ['gbp', 'usd', 'eur'] as const;
export const Currency = z.enum(CURRENCIES, { message: `unknown currency; one of ${CURRENCIES.join(', ')}` });

export const PAYMENT_ISSUE_KINDS = ['payment_failed', 'past_due'] as const;

/** What Stripe reported about a subscription payment that did not go through (spec 2.11: the Billing page's status strip). */
export const PaymentIssue = z.object({
  kind: z.enum(PAYMENT_ISSUE_KINDS).describe('payment_failed: the latest invoice could not be charged; past_due: Stripe marked the subscription past due'),
  since: Timestamp.describe('When the problem was first reported'),
  next_attempt_at: Timestamp.nullable().describe('When Stripe charges the card again; null: no automatic retry is scheduled, or none is known (past_due reported without a failed invoice): update the card'),
  amount_due_cents: z.number().int().nullable().describe('What the failed invoice asks for, in the smallest currency unit; null when Stripe did not say'),
  currency: z.string().nullable().describe('Currency of amount_due_cents (ISO 4217, lower case)'),
  next: z.string().describe('Where a person fixes it: the Billing page of the dashboard (update the card there)'),
});
export type PaymentIssue = z.infer<typeof PaymentIssue>;

export const AUTO_TOP_UP_STOP_REASONS = ['declined', 'authentication_required', 'no_saved_card', 'provider_error'] as const;

/** Why auto top-up was turned off after an off-session charge of the saved card did not go through (Stripe only). */
export const AutoTopUpStopped = z.object({
  reason: z
    .enum(AUTO_TOP_UP_STOP_REASONS)
    .describe(
      'declined: the bank refused the card; authentication_required: the bank wants the cardholder present (3-D Secure); no_saved_card: Stripe has no card for the customer; provider_error: Stripe could not be reached after every retry',
    ),
  message: z.string().describe('What Stripe said'),
  since: Timestamp.describe('When the charge failed and auto top-up was turned off'),
  next: z.string().describe('Where a person fixes it: the Billing page of the dashboard (update the card there, then re-enable auto top-up with update_subscription)'),
});
export type AutoTopUpStopped = z.infer<typeof AutoTopUpStopped>;

export const SUBSCRIPTION_STATUSES = ['trial', 'active', 'canceled'] as const;

export const Subscription = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES).describe('trial: no paid plan (welcome minutes, 1 seat); active; canceled: ended at a period end'),
  plan: z.object({ id: z.string(), name: z.string(), price_per_seat_cents: z.number().int(), minutes_per_seat: z.number().int() }).nullable(),
  seats: z.number().int().describe('Seat limit (1 on trial)'),
  included_minutes_per_period: z.number().describe('seats × minutes per seat'),
  currency: Currency.nullable(),
  period_start: Timestamp.nullable(),
  period_end: Timestamp.nullable().describe('Renewal (or end, when cancel_at_period_end) time'),
  cancel_at_period_end: z.boolean(),
  pending_checkout: z.object({ id: z.string(), checkout_url: z.string(), kind: z.string() }).nullable().describe('An open checkout not paid yet'),
  payment_issue: PaymentIssue.nullable().describe('A payment problem reported by Stripe; null when payments are fine. The plan stays active while Stripe retries.'),
  auto_top_up_stopped: AutoTopUpStopped.nullable().describe('Auto top-up was turned off because a charge of the saved card failed; null otherwise'),
});
export type Subscription = z.infer<typeof Subscription>;

export const BillingAddress = z.object({
  street: z.string().max(200).optional(),
  city: z.string().max(100).optional(),
  state: z.string().max(100).optional().describe('State or province'),
  postal_code: z.string().max(20).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code, e.g. GB')
    .optional(),
});

export const BillingDetails = z.object({
  currency: Currency.nullable().describe('Fixed after the first paid transaction'),
  currency_locked: z.boolean(),
  tax_id: z.string().nullable().describe('VAT / tax id'),
  contact_email: z.string().nullable(),
  address: BillingAddress,
  shipping_same_as_billing: z.boolean(),
  payment_provider: z.string().describe('sandbox or stripe'),
  auto_top_up: z.object({ enabled: z.boolean(), threshold_minutes: z.number(), pack_id: z.string() }),
});
export type BillingDetails = z.infer<typeof BillingDetails>;

export const UsageBalance = z.object({
  remaining: z.number().describe('included + purchased; may be slightly negative (bounded overdraft)'),
  included: z.number().describe('Left of this period’s included minutes (reset on renewal)'),
  purchased: z.number().describe('Welcome and pack minutes; never expire'),
  used_this_period: z.number(),
  period_start: Timestamp.nullable(),
  period_end: Timestamp.nullable(),
  action: z.enum(['continue', 'warn', 'stop']).describe('What a training session should do now'),
  auto_top_up_stopped: AutoTopUpStopped.nullable().describe('Auto top-up was turned off because a charge of the saved card failed; null otherwise'),
});
export type UsageBalance = z.infer<typeof UsageBalance>;

export const MINUTE_TRANSACTION_TYPES = ['welcome', 'subscription_grant', 'renewal', 'purchase', 'auto_topup', 'usage', 'adjustment'] as const;
export const MinuteTransactionType = z.enum(MINUTE_TRANSACTION_TYPES);

export const MinuteTransaction = z.object({
  id: z.string(),
  type: MinuteTransactionType,
  minutes: z.number().describe('Signed: usage is negative'),
  pool: z.enum(['included', 'purchased']),
  session_id: z.string().nullable(),
  user_id: z.string().nullable(),
  balance_after: z.number(),
  unbilled_minutes: z.number().describe('Usage past the overdraft bound, recorded but not charged'),
  created_at: Timestamp,
  stripe_ref: z.string().nullable(),
});
export type MinuteTransaction = z.infer<typeof MinuteTransaction>;

export const CheckoutCreated = z.object({
  checkout_id: z.string(),
  checkout_url: z.string().describe('Open it in a browser to pay'),
  amount_cents: z.number().int(),
  currency: Currency,
  sandbox: z.boolean().describe('True when no real money moves'),
});
export type CheckoutCreated = z.infer<typeof CheckoutCreated>;

/** The one-line CLI summary of a checkout (subscriptions and minute packs alike). */
export const summarizeCheckout = (c: CheckoutCreated) => `Checkout ${c.checkout_id} for ${c.amount_cents / 100} ${c.currency.toUpperCase()}${c.sandbox ? ' (sandbox)' : ''}: open ${c.checkout_url} to pay.`;
