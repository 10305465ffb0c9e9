/**
 * @module "Payment method on file" per account. The sandbox checkout can keep its test card on
 * file, a Stripe top-up checkout the payer's card (its Stripe customer); the hire flow asks `hasPaymentMethod(account)` (spec: hire needs a payment method or
 * enough credits, else 409 `payment_method_required`).
 */
import type { Clock, Executor } from '@platform/kit';
import { asPayments } from './db';
import type { PaymentProvider } from './schema';

export interface PaymentMethod {
  accountId: string;
  provider: PaymentProvider;
  label: string;
  addedAt: Date;
  /** Stripe: the customer whose saved card is charged; null for the sandbox card. */
  providerCustomerId: string | null;
}

export const SANDBOX_CARD_LABEL = 'Sandbox test card •••• 4242';
/** Stripe keeps the card; we keep only its customer (the card's brand and digits show on Stripe's receipts). */
export const STRIPE_CARD_LABEL = 'Card saved with Stripe';

export class PaymentMethodsService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async hasPaymentMethod(accountId: string, exec: Executor = this.db): Promise<boolean> {
    return (await this.getPaymentMethod(accountId, exec)) !== null;
  }

  async getPaymentMethod(accountId: string, exec: Executor = this.db): Promise<PaymentMethod | null> {
    const row = await asPayments(exec).selectFrom('payment_methods').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return row ? { accountId: row.account_id, provider: row.provider, label: row.label, addedAt: new Date(row.added_at), providerCustomerId: row.provider_customer_id ?? null } : null;
  }

  /** Keeps the sandbox test card on file (idempotent). */
  async addSandboxCard(accountId: string, exec: Executor = this.db): Promise<PaymentMethod> {
    const now = this.clock.now();
    await asPayments(exec)
      .insertInto('payment_methods')
      .values({ account_id: accountId, provider: 'sandbox', label: SANDBOX_CARD_LABEL, added_at: now })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .execute();
    return (await this.getPaymentMethod(accountId, exec)) as PaymentMethod;
  }

  /** Keeps the Stripe customer's saved card on file (a paid top-up whose human asked for it); replaces an earlier card. */
  async addStripeCard(accountId: string, customerId: string, exec: Executor = this.db): Promise<PaymentMethod> {
    const now = this.clock.now();
    const values = { account_id: accountId, provider: 'stripe' as const, label: STRIPE_CARD_LABEL, added_at: now, provider_customer_id: customerId };
    await asPayments(exec)
      .insertInto('payment_methods')
      .values(values)
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ provider: 'stripe', label: STRIPE_CARD_LABEL, added_at: now, provider_customer_id: customerId }))
      .execute();
    return (await this.getPaymentMethod(accountId, exec)) as PaymentMethod;
  }

  async removePaymentMethod(accountId: string, exec: Executor = this.db): Promise<boolean> {
    const result = await asPayments(exec).deleteFrom('payment_methods').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
