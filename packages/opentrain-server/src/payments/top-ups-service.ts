/**
 * @module Credit top-ups: a pending checkout with the payment provider that expires after 24 h
 * (on the injected clock, flipped on read) and, once the provider says it was paid, becomes
 * exactly one TOP_UP ledger entry. Status: PENDING → COMPLETED | EXPIRED | CANCELED.
 */
import { ApiError, type Clock, conflict, type Executor, hours, newId, notFound } from '@platform/kit';
import type { Selectable } from 'kysely';
import type { CreditsService, LedgerEntry } from '../credits/index';
import type { PaymentAdapter } from './adapter';
import { assertTopUpCents, formatUsd } from './amount';
import { asPayments, inPaymentsTransaction, type PaymentsTrx } from './db';
import { topUpReturnPath } from './paths';
import type { PaymentMethodsService } from './payment-methods';
import type { PaymentProvider, PaymentTables, TopUpStatus } from './schema';

type TopUpRow = Selectable<PaymentTables['credit_top_ups']>;

export const TOP_UP_EXPIRY_MS = hours(24);

export interface TopUp {
  id: string;
  accountId: string;
  status: TopUpStatus;
  amountCents: number;
  currency: 'usd';
  provider: PaymentProvider;
  /** Paid through the built-in sandbox: no real money moved. */
  sandbox: boolean;
  checkoutUrl: string | null;
  providerRef: string | null;
  ledgerEntryId: string | null;
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
  canceledAt: Date | null;
  successUrl: string;
  cancelUrl: string;
}

/** What a provider reports about a paid checkout. */
export interface ProviderPayment {
  /** The checkout id the payment belongs to. */
  providerRef: string;
  /** When given, must be the provider the top-up was created with. */
  provider?: PaymentProvider;
  amountCents?: number;
  currency?: string;
  /** The provider's customer that paid (Stripe), kept on file when the top-up asked to save the card. */
  customerId?: string | null;
}

export interface PaidResult {
  topUp: TopUp;
  /** The TOP_UP ledger entry (the original one when replayed). */
  entry: LedgerEntry | null;
  replayed: boolean;
}

export interface TopUpsServiceOptions {
  db: Executor;
  clock: Clock;
  credits: CreditsService;
  paymentMethods: PaymentMethodsService;
  adapter: PaymentAdapter;
  /** Public origin, for the default return page links. */
  publicUrl(): string;
  expiryMs?: number;
}

/** Where Stripe Checkout Sessions live (`session.url`). */
export const STRIPE_CHECKOUT_ORIGIN = 'https://checkout.stripe.com';

export class TopUpsService {
  constructor(private readonly options: TopUpsServiceOptions) {}

  get adapter(): PaymentAdapter {
    return this.options.adapter;
  }

  /** Origins a checkout may send the payer to: this site's public URL and the provider's checkout. */
  redirectOrigins(): string[] {
    return [this.options.publicUrl(), ...(this.options.adapter.sandbox ? [] : [STRIPE_CHECKOUT_ORIGIN])];
  }

  /**
   * Creates a PENDING top-up and its checkout (charges nothing). Amount 1000–1000000 cents, else
   * 400 `details.field = "amountUsd"`. A provider failure cancels the top-up and is a 503.
   */
  async createTopUp(accountId: string, amountCents: number, urls: { successUrl?: string; cancelUrl?: string } = {}, options: { saveCard?: boolean } = {}): Promise<TopUp> {
    const amount = assertTopUpCents(amountCents);
    const { clock, adapter } = this.options;
    const now = clock.now();
    const id = newId('topup', now);
    const back = `${this.options.publicUrl()}${topUpReturnPath(id)}`;
    const successUrl = urls.successUrl ?? `${back}?outcome=success`;
    const cancelUrl = urls.cancelUrl ?? `${back}?outcome=cancel`;
    const db = asPayments(this.options.db);
    await db
      .insertInto('credit_top_ups')
      .values({
        id,
        account_id: accountId,
        amount_cents: amount,
        status: 'PENDING',
        provider: adapter.provider,
        provider_ref: null,
        checkout_url: null,
        success_url: successUrl,
        cancel_url: cancelUrl,
        ledger_entry_id: null,
        failure_reason: null,
        created_at: now,
        expires_at: new Date(now.getTime() + (this.options.expiryMs ?? TOP_UP_EXPIRY_MS)),
        completed_at: null,
        canceled_at: null,
        save_card: Boolean(options.saveCard) && !adapter.sandbox,
      })
      .execute();
    // A card saved earlier stays on its Stripe customer: a new checkout adds to it.
    const known = options.saveCard && !adapter.sandbox ? await this.options.paymentMethods.getPaymentMethod(accountId) : null;
    const saveCard = options.saveCard && !adapter.sandbox ? { customerId: known?.provider === 'stripe' ? known.providerCustomerId : null } : undefined;
    // The provider call happens outside any transaction (never hold a transaction across HTTP).
    let checkout: { checkoutUrl: string; providerRef: string };
    try {
      checkout = await adapter.createCheckout({ topUpId: id, amountCents: amount, successUrl, cancelUrl, saveCard });
    } catch (err) {
      const reason = err instanceof Error ? err.message.slice(0, 500) : 'checkout failed';
      await db.updateTable('credit_top_ups').set({ status: 'CANCELED', canceled_at: clock.now(), failure_reason: reason }).where('id', '=', id).execute();
      throw new ApiError({
        kind: 'unavailable',
        message: 'The payment provider could not create a checkout. Nothing was charged; try again.',
        details: { reason: 'payment_provider_unavailable', topUpId: id },
      });
    }
    const row = await db.updateTable('credit_top_ups').set({ checkout_url: checkout.checkoutUrl, provider_ref: checkout.providerRef }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return topUpView(row);
  }

  /** 404 `{resource: "credit-top-ups", topUpId}` when missing or owned by another account. PENDING past expiry reads as EXPIRED (and is stored so). */
  async getTopUp(topUpId: string, options: { accountId?: string } = {}, exec: Executor = this.options.db): Promise<TopUp> {
    const db = asPayments(exec);
    const now = this.options.clock.now();
    await db.updateTable('credit_top_ups').set({ status: 'EXPIRED' }).where('id', '=', topUpId).where('status', '=', 'PENDING').where('expires_at', '<=', now).execute();
    const row = await db.selectFrom('credit_top_ups').selectAll().where('id', '=', topUpId).executeTakeFirst();
    if (!row || (options.accountId !== undefined && row.account_id !== options.accountId)) throw topUpNotFound(topUpId);
    return topUpView(row);
  }

  /** Newest first (most recent 100). */
  async listTopUps(accountId: string): Promise<TopUp[]> {
    const rows = await asPayments(this.options.db).selectFrom('credit_top_ups').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
    return rows.map(topUpView);
  }

  /**
   * The provider says the checkout was paid: credit the account once (ledger key `top-up:<id>`).
   * Idempotent: a repeated webhook or a second click replays. The money was collected, so an
   * EXPIRED or CANCELED top-up is still credited (and becomes COMPLETED); a different provider
   * reference, amount or currency is a 409 and credits nothing.
   */
  async markPaid(topUpId: string, payment: ProviderPayment, exec: Executor = this.options.db): Promise<PaidResult> {
    return inPaymentsTransaction(exec, async (trx) => {
      const row = await this.lock(trx, topUpId);
      const result = await this.complete(trx, row, payment);
      if (row.save_card && row.provider === 'stripe' && payment.customerId) await this.options.paymentMethods.addStripeCard(row.account_id, payment.customerId, trx);
      return result;
    });
  }

  /**
   * The sandbox checkout's Pay button: only a PENDING, unexpired sandbox top-up can be paid; paying
   * an already COMPLETED one is a harmless replay (two tabs, double submit). `saveCard` keeps the
   * sandbox test card on file for the account.
   */
  async payInSandbox(topUpId: string, options: { saveCard?: boolean } = {}): Promise<PaidResult> {
    return inPaymentsTransaction(this.options.db, async (trx) => {
      const row = await this.lock(trx, topUpId);
      if (row.provider !== 'sandbox') throw topUpNotFound(topUpId);
      if (row.status === 'PENDING' && new Date(row.expires_at).getTime() <= this.options.clock.now().getTime()) {
        throw conflict('This sandbox checkout has expired; create a new top-up.', { reason: 'top_up_not_payable', topUpId, status: 'EXPIRED' });
      }
      if (row.status === 'EXPIRED' || row.status === 'CANCELED' || !row.provider_ref) {
        throw conflict(`This sandbox checkout is ${row.provider_ref ? row.status.toLowerCase() : 'not ready'}; create a new top-up.`, { reason: 'top_up_not_payable', topUpId, status: row.status });
      }
      const result = await this.complete(trx, row, { providerRef: row.provider_ref, provider: 'sandbox' });
      if (options.saveCard) await this.options.paymentMethods.addSandboxCard(row.account_id, trx);
      return result;
    });
  }

  /** The human backed out (sandbox Cancel button): PENDING → CANCELED; 409 when already paid. */
  async cancel(topUpId: string): Promise<TopUp> {
    return inPaymentsTransaction(this.options.db, async (trx) => {
      const row = await this.lock(trx, topUpId);
      if (row.status === 'COMPLETED') throw conflict('This top-up has already been paid.', { reason: 'top_up_completed', topUpId });
      if (row.status !== 'PENDING') return topUpView(row);
      const updated = await trx.updateTable('credit_top_ups').set({ status: 'CANCELED', canceled_at: this.options.clock.now() }).where('id', '=', topUpId).returningAll().executeTakeFirstOrThrow();
      return topUpView(updated);
    });
  }

  /** The provider expired the checkout: PENDING → EXPIRED (anything else is left alone). */
  async markExpired(topUpId: string, providerRef: string): Promise<TopUp> {
    return inPaymentsTransaction(this.options.db, async (trx) => {
      const row = await this.lock(trx, topUpId);
      if (row.provider_ref && row.provider_ref !== providerRef) throw providerRefMismatch(topUpId);
      if (row.status !== 'PENDING') return topUpView(row);
      const updated = await trx.updateTable('credit_top_ups').set({ status: 'EXPIRED' }).where('id', '=', topUpId).returningAll().executeTakeFirstOrThrow();
      return topUpView(updated);
    });
  }

  private async lock(trx: PaymentsTrx, topUpId: string): Promise<TopUpRow> {
    const row = await trx.selectFrom('credit_top_ups').selectAll().where('id', '=', topUpId).forUpdate().executeTakeFirst();
    if (!row) throw topUpNotFound(topUpId);
    return row;
  }

  private async complete(trx: PaymentsTrx, row: TopUpRow, payment: ProviderPayment): Promise<PaidResult> {
    const amount = Number(row.amount_cents);
    if ((payment.provider !== undefined && payment.provider !== row.provider) || (row.provider_ref && payment.providerRef !== row.provider_ref)) throw providerRefMismatch(row.id);
    if (payment.amountCents !== undefined && payment.amountCents !== amount) {
      throw conflict(`The provider reported ${payment.amountCents} cents for a ${amount}-cent top-up; nothing was credited.`, {
        reason: 'amount_mismatch',
        topUpId: row.id,
        expectedCents: amount,
        reportedCents: payment.amountCents,
      });
    }
    if (payment.currency !== undefined && payment.currency.toLowerCase() !== 'usd') {
      throw conflict(`The provider reported currency "${payment.currency}"; top-ups are in USD.`, { reason: 'currency_mismatch', topUpId: row.id });
    }
    const key = `top-up:${row.id}`;
    if (row.status === 'COMPLETED') return { topUp: topUpView(row), entry: await this.options.credits.findEntryByKey(key, trx), replayed: true };
    const { entry } = await this.options.credits.topUp(trx, {
      accountId: row.account_id,
      amountCents: amount,
      reference: row.id,
      idempotencyKey: key,
      memo: `${row.provider === 'sandbox' ? 'Sandbox top-up' : 'Top-up'} of ${formatUsd(amount)}`,
    });
    const updated = await trx
      .updateTable('credit_top_ups')
      .set({ status: 'COMPLETED', completed_at: this.options.clock.now(), ledger_entry_id: entry.id, provider_ref: row.provider_ref ?? payment.providerRef })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { topUp: topUpView(updated), entry, replayed: false };
  }
}

function topUpView(row: TopUpRow): TopUp {
  return {
    id: row.id,
    accountId: row.account_id,
    status: row.status,
    amountCents: Number(row.amount_cents),
    currency: 'usd',
    provider: row.provider,
    sandbox: row.provider === 'sandbox',
    checkoutUrl: row.checkout_url,
    providerRef: row.provider_ref,
    ledgerEntryId: row.ledger_entry_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    completedAt: row.completed_at ? new Date(row.completed_at) : null,
    canceledAt: row.canceled_at ? new Date(row.canceled_at) : null,
    successUrl: row.success_url,
    cancelUrl: row.cancel_url,
  };
}

/** The Public API's `topUp` object (GET /credits/top-ups/{id}), plus `sandbox: true` when it applies. */
export function publicTopUp(topUp: TopUp) {
  return {
    id: topUp.id,
    status: topUp.status,
    amountCents: topUp.amountCents,
    createdAt: topUp.createdAt.toISOString(),
    completedAt: topUp.completedAt?.toISOString() ?? null,
    expiresAt: topUp.expiresAt.toISOString(),
    ...(topUp.sandbox ? { sandbox: true } : {}),
  };
}

const topUpNotFound = (topUpId: string) => notFound(`No credit top-up ${topUpId}.`, { resource: 'credit-top-ups', topUpId });
const providerRefMismatch = (topUpId: string) => conflict('The payment does not belong to this top-up’s checkout; nothing was credited.', { reason: 'provider_ref_mismatch', topUpId });
