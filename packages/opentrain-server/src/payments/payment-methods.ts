/**
 * @module "Payment method on file" per account. The sandbox checkout can keep its test card on
 * file; the hire flow asks `hasPaymentMethod(account)` (spec: hire needs a payment method or
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
}

export const SANDBOX_CARD_LABEL = 'Sandbox test card •••• 4242';

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
    return row ? { accountId: row.account_id, provider: row.provider, label: row.label, addedAt: new Date(row.added_at) } : null;
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

  async removePaymentMethod(accountId: string, exec: Executor = this.db): Promise<boolean> {
    const result = await asPayments(exec).deleteFrom('payment_methods').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
