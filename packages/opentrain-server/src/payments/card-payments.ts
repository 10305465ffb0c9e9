/**
 * @module Paying an approval with a card saved at Stripe. The human confirmed on our page, so the
 * card is charged off-session (nobody at Stripe's page), before the approval's own transaction: the
 * charge becomes a TOP_UP of exactly the total (ledger key `card-charge:<PaymentIntent>`), and the
 * approval's holds then draw on it as they would on credits. Money charged is never lost: if the
 * approval then cannot apply (another tab, the contract ended) the amount stays in the account's
 * credits, and if the process dies between the charge and the credit, Stripe's
 * `payment_intent.succeeded` webhook credits it (same key: once). A retried confirmation uses the
 * same Stripe idempotency key, so the card is charged once per approval and amount.
 */
import { conflict, type Executor } from '@platform/kit';
import type { CreditsService, LedgerEntry } from '../credits/index';
import type { PaymentAdapter } from './adapter';
import { formatUsd } from './amount';
import { inPaymentsTransaction } from './db';
import type { PaymentMethod, PaymentMethodsService } from './payment-methods';

export interface CardPaymentsOptions {
  db: Executor;
  credits: CreditsService;
  paymentMethods: PaymentMethodsService;
  adapter: PaymentAdapter;
  /** The billing page (where the human tops up through Stripe Checkout instead). */
  billingUrl(): string;
}

export interface CardCharge {
  paymentIntentId: string;
  entry: LedgerEntry;
}

/** Metadata that marks a PaymentIntent as an approval's card charge (the webhook's backstop reads it). */
export const APPROVAL_CARD_PURPOSE = 'opentrain_approval_card';

export class CardPaymentsService {
  constructor(private readonly options: CardPaymentsOptions) {}

  /** The card on file when it is charged here (Stripe); null otherwise (the sandbox card is charged inside the approval's transaction). */
  async offSessionCard(accountId: string): Promise<PaymentMethod | null> {
    const method = await this.options.paymentMethods.getPaymentMethod(accountId);
    return method?.provider === 'stripe' ? method : null;
  }

  /**
   * Charges the account's saved Stripe card `amountCents` for an approval and credits it as a TOP_UP.
   * 409 `payment_method_required` without a saved card, `card_declined` or
   * `card_authentication_required` (the bank wants the cardholder: a top-up through Checkout works)
   * with the billing page as the next step; nothing is credited then.
   */
  async chargeForApproval(method: PaymentMethod, approvalId: string, amountCents: number): Promise<CardCharge> {
    const { adapter } = this.options;
    const accountId = method.accountId;
    const billingUrl = this.options.billingUrl();
    if (!method.providerCustomerId || method.provider !== 'stripe' || !adapter.chargeSavedCard) {
      throw conflict('No card is saved with the payment provider for this account: top up on the billing page (tick "Keep this card on file") or pay with credits.', { reason: 'payment_method_required', billingUrl });
    }
    const charged = await adapter.chargeSavedCard({
      customerId: method.providerCustomerId,
      amountCents,
      description: `OpenTrain approval ${approvalId}`,
      // The amount is part of the key: a human who edits the amount and confirms again is a new charge request.
      idempotencyKey: `opentrain-approval-${approvalId}-card-${amountCents}`,
      metadata: { purpose: APPROVAL_CARD_PURPOSE, approvalId, accountId },
    });
    if (!charged.ok) {
      if (charged.reason === 'no_saved_card') {
        throw conflict('The card saved with the payment provider is gone: top up on the billing page to save one, or pay with credits.', { reason: 'payment_method_required', billingUrl });
      }
      const authentication = charged.reason === 'authentication_required';
      throw conflict(
        authentication
          ? `The bank asks the cardholder to approve this payment, which cannot happen here: top up ${formatUsd(amountCents)} on the billing page (Stripe asks the bank there), then pay with credits. Nothing was charged.`
          : `The card was declined (${charged.message}). Nothing was charged: update the card through a top-up on the billing page, or pay with credits.`,
        { reason: authentication ? 'card_authentication_required' : 'card_declined', billingUrl, amountCents },
      );
    }
    const entry = await this.credit({ accountId, approvalId, paymentIntentId: charged.paymentIntentId, amountCents, cardLast4: charged.cardLast4 });
    return { paymentIntentId: charged.paymentIntentId, entry };
  }

  /** Credits a succeeded approval card charge once (inline after the charge, or from Stripe's webhook). */
  async credit(charge: { accountId: string; approvalId: string; paymentIntentId: string; amountCents: number; cardLast4?: string | null }): Promise<LedgerEntry> {
    return inPaymentsTransaction(this.options.db, async (trx) => {
      const { entry } = await this.options.credits.topUp(trx, {
        accountId: charge.accountId,
        amountCents: charge.amountCents,
        reference: charge.approvalId,
        idempotencyKey: `card-charge:${charge.paymentIntentId}`,
        memo: `Card${charge.cardLast4 ? ` •••• ${charge.cardLast4}` : ''} charged ${formatUsd(charge.amountCents)} for approval ${charge.approvalId}`,
      });
      return entry;
    });
  }
}
