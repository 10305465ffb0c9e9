/**
 * @module Subscriptions, billing details, packs and checkouts of a tenant (every query filtered by
 * tenant id). Money moves only through a checkout: the provider's page (sandbox page or Stripe)
 * completes it and `completeCheckout` activates the plan or credits the pack, once. The minute pool
 * itself lives in pool.ts (also the MinutesMeter port); this service is the seats module's SeatAllowance port.
 */
import { badRequest, conflict, type JobHandlers, loadConfig, notFound, z } from '@platform/kit';
import { PACKS, type PackId, PLANS, type PlanId, type Subscription } from '@trainar/api';
import type { BillingCheckoutsTable, TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import type { ReportPeriodInput } from '../reports';
import type { SeatAllowance } from '../seats';
import { autoTopUpJobHandlers, creditLateAutoTopUp, type LateCharge, queueAutoTopUp } from './auto-top-up';
import { minutesReport } from './minutes-report';
import { type BillingPaymentAdapter, createBillingPaymentAdapter } from './payments';
import { type AccountRow, addMonth, allowanceOf, MinutesPool, num, round } from './pool';
import { noticeJobHandlers } from './notices';
import type { SeatsInUse, TenantAdmins } from './ports';
import { applyProviderEvent, endPlan, type ProviderEventOutcome, type ProviderSubscriptionEvent } from './provider-events';
import { presentBalance, presentDetails, presentSubscription, presentTransaction } from './present';

export interface UpdateSubscriptionInput {
  package_id?: PlanId;
  seats?: number;
  cancel_at_period_end?: boolean;
  auto_top_up?: { enabled: boolean; threshold_minutes?: number; pack_id?: PackId };
  billing_details?: {
    currency?: 'gbp' | 'usd' | 'eur';
    tax_id?: string | null;
    contact_email?: string | null;
    address?: Record<string, string | undefined>;
    shipping_same_as_billing?: boolean;
  };
}

export interface PaymentConfirmation {
  providerRef: string;
  /** Checked against the checkout when the provider reports them (Stripe). */
  amountCents?: number;
  currency?: string;
  customerId?: string | null;
  subscriptionId?: string | null;
}

const paymentEnv = z.object({
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  TRAINAR_STRIPE_SECRET_KEY: z.string().optional(),
  TRAINAR_STRIPE_WEBHOOK_SECRET: z.string().optional(),
});

export type { ProviderSubscriptionEvent } from './provider-events';

/** Dashboard → Billing, where a person updates the card (the `next` of a payment issue, the portal's return URL). */
export const BILLING_PAGE_PATH = '/dashboard/billing';

export class BillingService implements SeatAllowance {
  readonly pool: MinutesPool;
  readonly adapter: BillingPaymentAdapter;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly seatsInUse: SeatsInUse,
    private readonly admins: TenantAdmins,
    adapter?: BillingPaymentAdapter,
  ) {
    const stripe = deps.settings.billingStripe;
    const env = stripe ? { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret } : loadConfig(paymentEnv, process.env);
    this.adapter = adapter ?? createBillingPaymentAdapter(env, deps.publicUrl, () => deps.clock.now().getTime(), stripe?.stripeConfig);
    // The sandbox credits auto top-up packs at once; a real provider charges the saved card in a job first.
    this.pool = new MinutesPool(deps, this.adapter.sandbox ? undefined : (trx, row, pack) => queueAutoTopUp(deps, trx, row, pack));
  }

  private read<T>(tenantId: string, run: (trx: TrainArExecutor, row: AccountRow) => Promise<T>): Promise<T> {
    return this.deps.db.transaction().execute(async (trx) => run(trx, await this.pool.lock(trx, tenantId)));
  }

  private pendingCheckout(trx: TrainArExecutor, tenantId: string) {
    return trx.selectFrom('billing_checkouts').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', 'subscription').where('status', '=', 'open').orderBy('created_at', 'desc').executeTakeFirst();
  }

  private async subscriptionOf(trx: TrainArExecutor, row: AccountRow): Promise<Subscription> {
    return presentSubscription(row, row.status === 'active' ? undefined : await this.pendingCheckout(trx, row.tenant_id), this.billingPageUrl());
  }

  billingPageUrl(): string {
    return `${this.deps.publicUrl()}${BILLING_PAGE_PATH}`;
  }

  getSubscription(tenantId: string) {
    return this.read(tenantId, (trx, row) => this.subscriptionOf(trx, row));
  }

  getBillingDetails(tenantId: string) {
    return this.read(tenantId, async (_trx, row) => presentDetails(row, this.adapter.provider));
  }

  getBalance(tenantId: string) {
    return this.read(tenantId, async (_trx, row) => presentBalance(row, this.billingPageUrl()));
  }

  /** Stripe says an auto top-up charge succeeded (payment_intent.succeeded): credited once, also after the job gave up. */
  creditLateAutoTopUp(charge: LateCharge) {
    return creditLateAutoTopUp(this.deps, this.pool, charge);
  }

  /** The auto top-up charge job (auto-top-up.ts), run by the app's kit worker. */
  jobHandlers(): JobHandlers {
    return { ...autoTopUpJobHandlers(this.deps, this.pool, this.adapter), ...noticeJobHandlers(this.deps, this.admins, () => this.billingPageUrl()) };
  }

  /** The minutes report (the Reports page's Minutes tab and get_minutes_report). */
  minutesReport(tenantId: string, input: ReportPeriodInput) {
    return minutesReport(this.deps, this, tenantId, input);
  }

  /**
   * The seats module's limit: the subscription's seats (1 on the trial or after cancellation).
   * With `db` (the seats transaction) the billing row is read and locked there: PGlite has one
   * connection, so a second transaction opened here would wait for the caller's forever.
   */
  async seatLimit(tenantId: string, db?: TrainArExecutor): Promise<{ seatLimit: number; plan: string }> {
    const limitOf = (row: AccountRow) => {
      const plan = row.status === 'active' ? PLANS.find((p) => p.id === row.plan_id) : undefined;
      return plan ? { seatLimit: row.seats, plan: plan.id } : { seatLimit: 1, plan: row.status };
    };
    if (db) return limitOf(await this.pool.lock(db, tenantId));
    return this.read(tenantId, async (_trx, row) => limitOf(row));
  }

  async listTransactions(tenantId: string, input: { from?: string; to?: string; type?: string; limit: number; offset: number }) {
    await this.getBalance(tenantId); // renewals due by now appear in the list
    let q = this.deps.db.selectFrom('minute_transactions').where('tenant_id', '=', tenantId);
    if (input.from) q = q.where('created_at', '>=', new Date(input.from));
    if (input.to) q = q.where('created_at', '<', new Date(input.to));
    if (input.type) q = q.where('type', '=', input.type as never);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('created_at', 'desc').orderBy('balance_after', 'asc').limit(input.limit).offset(input.offset).execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { transactions: rows.map(presentTransaction), total: Number(count.n), limit: input.limit, offset: input.offset };
  }

  async createSubscription(tenantId: string, input: { package_id: PlanId; seats: number; coupon?: string }) {
    if (input.coupon) throw badRequest(`coupon: unknown coupon "${input.coupon}"; start without one or ask support for a valid code`, { field: 'coupon' });
    const plan = PLANS.find((p) => p.id === input.package_id) ?? PLANS[0];
    return this.openCheckout(tenantId, (row) => {
      if (row.status === 'active') throw conflict('The tenant already has an active subscription: change it with update_subscription.', { next: 'update_subscription' });
      return {
        kind: 'subscription',
        plan_id: plan.id,
        seats: input.seats,
        pack_id: null,
        amount_cents: plan.price_per_seat_cents * input.seats,
        productName: `TrainAR ${plan.name}`,
        quantity: input.seats,
        unit: plan.price_per_seat_cents,
        monthly: true,
      };
    });
  }

  async buyPack(tenantId: string, packId: PackId) {
    const pack = PACKS.find((p) => p.id === packId) ?? PACKS[0];
    return this.openCheckout(tenantId, () => ({
      kind: 'pack',
      plan_id: null,
      seats: null,
      pack_id: pack.id,
      amount_cents: pack.price_cents,
      productName: `TrainAR ${pack.minutes} minutes`,
      quantity: 1,
      unit: pack.price_cents,
      monthly: false,
    }));
  }

  private async openCheckout(
    tenantId: string,
    build: (row: AccountRow) => {
      kind: 'subscription' | 'pack';
      plan_id: string | null;
      seats: number | null;
      pack_id: string | null;
      amount_cents: number;
      productName: string;
      quantity: number;
      unit: number;
      monthly: boolean;
    },
  ) {
    const id = crypto.randomUUID();
    const { spec, currency, customerId } = await this.read(tenantId, async (_trx, row) => ({ spec: build(row), currency: row.currency ?? 'gbp', customerId: row.provider_customer_id }));
    const base = this.deps.publicUrl();
    const created = await this.adapter.createCheckout({
      checkoutId: id,
      amountCents: spec.unit,
      currency,
      productName: spec.productName,
      quantity: spec.quantity,
      monthly: spec.monthly,
      successUrl: `${base}/billing/checkout-complete?checkout_id=${id}`,
      cancelUrl: `${base}${BILLING_PAGE_PATH}`,
      // A pack paid through Stripe keeps the card (and names the customer), so auto top-up can charge it later.
      ...(spec.kind === 'pack' ? { saveCard: { customerId } } : {}),
    });
    await this.deps.db
      .insertInto('billing_checkouts')
      .values({
        id,
        tenant_id: tenantId,
        kind: spec.kind,
        plan_id: spec.plan_id,
        seats: spec.seats,
        pack_id: spec.pack_id,
        amount_cents: spec.amount_cents,
        currency,
        status: 'open',
        provider: this.adapter.provider,
        provider_ref: created.providerRef,
        checkout_url: created.url,
        created_at: this.deps.clock.now(),
      })
      .execute();
    return { checkout_id: id, checkout_url: created.url, amount_cents: spec.amount_cents, currency: currency as 'gbp', sandbox: this.adapter.sandbox };
  }

  /** The checkout behind a sandbox page or a provider webhook (its id is an unguessable UUID). */
  findCheckout(checkoutId: string): Promise<BillingCheckoutsTable | undefined> {
    if (!z.guid().safeParse(checkoutId).success) return Promise.resolve(undefined);
    return this.deps.db.selectFrom('billing_checkouts').selectAll().where('id', '=', checkoutId).executeTakeFirst();
  }

  async expireCheckout(checkoutId: string): Promise<void> {
    await this.deps.db.updateTable('billing_checkouts').set({ status: 'expired', completed_at: this.deps.clock.now() }).where('id', '=', checkoutId).where('status', '=', 'open').execute();
  }

  /** Paid: activate the plan or credit the pack, exactly once however often the provider repeats it. */
  async completeCheckout(checkoutId: string, payment: PaymentConfirmation): Promise<{ checkout: BillingCheckoutsTable; replayed: boolean }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const checkout = await trx.selectFrom('billing_checkouts').selectAll().where('id', '=', checkoutId).forUpdate().executeTakeFirst();
      if (!checkout) throw notFound(`Unknown checkout ${checkoutId}.`);
      if (checkout.status === 'paid') return { checkout, replayed: true };
      if (payment.amountCents !== undefined && payment.amountCents !== checkout.amount_cents)
        throw conflict(`Paid amount ${payment.amountCents} does not match the checkout's ${checkout.amount_cents}.`, { reason: 'amount_mismatch' });
      if (payment.currency && payment.currency.toLowerCase() !== checkout.currency)
        throw conflict(`Paid currency ${payment.currency} does not match the checkout's ${checkout.currency}.`, { reason: 'currency_mismatch' });
      let row = await this.pool.lock(trx, checkout.tenant_id);
      const now = this.deps.clock.now();
      row = await this.pool.update(trx, row, {
        currency: checkout.currency,
        currency_locked: true,
        provider_customer_id: payment.customerId ?? row.provider_customer_id,
        provider_subscription_id: payment.subscriptionId ?? row.provider_subscription_id,
      });
      if (checkout.kind === 'subscription') {
        row = await this.pool.update(trx, row, { status: 'active', plan_id: checkout.plan_id, seats: checkout.seats ?? 1, period_start: now, period_end: addMonth(now), cancel_at_period_end: false, used_this_period: 0 });
        const grant = round(allowanceOf(row) - num(row.included_minutes));
        await this.pool.credit(trx, row, { type: 'subscription_grant', minutes: grant, pool: 'included', ref: payment.providerRef });
      } else {
        const pack = PACKS.find((p) => p.id === checkout.pack_id);
        if (pack) await this.pool.credit(trx, row, { type: 'purchase', minutes: pack.minutes, pool: 'purchased', ref: payment.providerRef });
      }
      const paid = await trx.updateTable('billing_checkouts').set({ status: 'paid', completed_at: now, provider_ref: payment.providerRef }).where('id', '=', checkoutId).returningAll().executeTakeFirstOrThrow();
      return { checkout: paid, replayed: false };
    });
  }

  async updateSubscription(tenantId: string, input: UpdateSubscriptionInput): Promise<Subscription> {
    return this.read(tenantId, async (trx, start) => {
      let row = start;
      const d = input.billing_details;
      if (d) {
        if (d.currency && d.currency !== row.currency && row.currency_locked) {
          throw conflict(`billing_details.currency: the currency is fixed at ${row.currency} after the first payment.`, { field: 'billing_details.currency' });
        }
        row = await this.pool.update(trx, row, {
          ...(d.currency ? { currency: d.currency } : {}),
          ...(d.tax_id !== undefined ? { tax_id: d.tax_id || null } : {}),
          ...(d.contact_email !== undefined ? { contact_email: d.contact_email } : {}),
          ...(d.address ? { address: JSON.stringify({ ...row.address, ...d.address }) as never } : {}),
          ...(d.shipping_same_as_billing !== undefined ? { shipping_same_as_billing: d.shipping_same_as_billing } : {}),
        });
      }
      if (input.auto_top_up) {
        if (input.auto_top_up.enabled && !this.adapter.sandbox && !row.provider_customer_id) {
          throw badRequest('auto_top_up: automatic charges need a card saved with Stripe and this tenant has none yet. Buy a pack first with buy_minute_pack (Stripe Checkout keeps the card), then enable auto top-up.', {
            field: 'auto_top_up',
            next: 'buy_minute_pack',
          });
        }
        row = await this.pool.update(trx, row, {
          auto_top_up_enabled: input.auto_top_up.enabled,
          // Enabling again is the person's answer to a failed charge: the notice goes.
          ...(input.auto_top_up.enabled ? { auto_top_up_stopped_reason: null, auto_top_up_stopped_message: null, auto_top_up_stopped_at: null } : {}),
          ...(input.auto_top_up.threshold_minutes !== undefined ? { auto_top_up_threshold: input.auto_top_up.threshold_minutes } : {}),
          ...(input.auto_top_up.pack_id ? { auto_top_up_pack_id: input.auto_top_up.pack_id } : {}),
        });
      }
      const changesPlan = input.package_id !== undefined || input.seats !== undefined || input.cancel_at_period_end !== undefined;
      if (changesPlan && row.status !== 'active') {
        throw conflict('No active subscription to change: start one with create_subscription.', { next: 'create_subscription' });
      }
      if (input.seats !== undefined && input.seats < row.seats) {
        const inUse = await this.seatsInUse.count(trx, tenantId);
        if (input.seats < inUse) {
          throw conflict(`seats: ${inUse} seats are in use; remove ${inUse - input.seats} with remove_seat (Dashboard → Seats) before going down to ${input.seats}.`, {
            field: 'seats',
            seats_in_use: inUse,
            next: 'remove_seat',
          });
        }
      }
      const provider = row.provider_subscription_id;
      if (provider && input.package_id !== undefined && input.package_id !== row.plan_id) {
        throw badRequest('package_id: a Stripe subscription changes plan by cancelling (cancel_subscription) and starting the new plan with create_subscription.', { field: 'package_id', next: 'cancel_subscription' });
      }
      if (input.package_id !== undefined || input.seats !== undefined) {
        const before = allowanceOf(row);
        row = await this.pool.update(trx, row, { plan_id: input.package_id ?? row.plan_id, seats: input.seats ?? row.seats });
        // The current period's included minutes follow the new allowance (never below zero).
        const delta = round(Math.max(allowanceOf(row) - before, -num(row.included_minutes)));
        if (delta !== 0) row = await this.pool.credit(trx, row, { type: 'adjustment', minutes: delta, pool: 'included' });
      }
      const seatsChanged = input.seats !== undefined && input.seats !== start.seats;
      if (input.cancel_at_period_end !== undefined) row = await this.pool.update(trx, row, { cancel_at_period_end: input.cancel_at_period_end });
      // The provider's subscription follows, before this transaction commits: if Stripe refuses, nothing changes here.
      if (provider && (seatsChanged || input.cancel_at_period_end !== undefined)) {
        await this.adapter.updateSubscription(
          provider,
          { ...(seatsChanged ? { quantity: row.seats } : {}), ...(input.cancel_at_period_end !== undefined ? { cancelAtPeriodEnd: input.cancel_at_period_end } : {}) },
          `trainar-subscription-${crypto.randomUUID()}`,
        );
      }
      return this.subscriptionOf(trx, row);
    });
  }

  async cancelSubscription(tenantId: string, atPeriodEnd: boolean): Promise<Subscription> {
    return this.read(tenantId, async (trx, start) => {
      let row = start;
      if (row.status !== 'active') throw conflict('No active subscription to cancel: start one with create_subscription.', { next: 'create_subscription' });
      const provider = row.provider_subscription_id;
      if (atPeriodEnd) {
        row = await this.pool.update(trx, row, { cancel_at_period_end: true });
        if (provider) await this.adapter.updateSubscription(provider, { cancelAtPeriodEnd: true }, `trainar-cancel-${crypto.randomUUID()}`);
      } else {
        row = await endPlan(this.pool, trx, row);
        if (provider) await this.adapter.cancelSubscription(provider);
      }
      return this.subscriptionOf(trx, row);
    });
  }

  /**
   * A verified Stripe subscription event (the webhook): seats and cancellation flag, the end of the
   * subscription, a paid renewal invoice, a failed payment or past-due status (provider-events.ts).
   */
  applyProviderEvent(event: ProviderSubscriptionEvent): Promise<ProviderEventOutcome> {
    return applyProviderEvent(this.deps, this.pool, event);
  }

  /**
   * A Stripe Customer Portal session for the tenant's Stripe customer (saved when a subscription
   * checkout completed), returning to the Billing page. The sandbox has no cards, so no portal.
   */
  /** Whether the Billing page can offer the portal: Stripe configured and a Stripe customer saved. */
  async portalAvailability(tenantId: string): Promise<'sandbox' | 'no_customer' | 'available'> {
    if (this.adapter.sandbox) return 'sandbox';
    return (await this.read(tenantId, async (_trx, row) => row.provider_customer_id)) ? 'available' : 'no_customer';
  }

  async openCustomerPortal(tenantId: string): Promise<{ url: string }> {
    if (this.adapter.sandbox) throw badRequest('Card management is available once Stripe is configured: the sandbox provider keeps no cards.', { field: 'payment_provider' });
    const customerId = await this.read(tenantId, async (_trx, row) => row.provider_customer_id);
    if (!customerId) throw conflict('No Stripe customer yet: cards and invoices can be managed after a first subscription or minute pack is paid through Stripe Checkout.', { next: 'create_subscription' });
    return this.adapter.openCustomerPortal(customerId, this.billingPageUrl());
  }
}
