/**
 * @module The payment-provider seam for credit top-ups: create a hosted checkout, and turn a
 * provider's webhook (raw body + headers) into a verified event. Implemented by the sandbox
 * (default) and Stripe adapters.
 */
import type { HeaderBag } from '@platform/kit/payments';
import type { PaymentProvider } from './schema';

export { type HeaderBag, headerValue } from '@platform/kit/payments';

export interface CheckoutRequest {
  topUpId: string;
  amountCents: number;
  successUrl: string;
  cancelUrl: string;
  /** Keep the card for later charges without the payer present, on this customer (null: a new one). */
  saveCard?: { customerId: string | null };
}

export interface CardChargeRequest {
  customerId: string;
  amountCents: number;
  description: string;
  /** The same key never charges twice. */
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export type CardChargeResult =
  | { ok: true; paymentIntentId: string; cardLast4: string | null }
  | { ok: false; reason: 'no_saved_card' | 'declined' | 'authentication_required'; message: string };

export interface Checkout {
  /** Where the human pays. */
  checkoutUrl: string;
  /** The provider's id for this checkout (stored on the top-up; webhooks name it). */
  providerRef: string;
}

/** A verified, provider-neutral webhook event. */
export type PaymentEvent =
  | { kind: 'checkout_paid'; eventId: string; topUpId: string; providerRef: string; amountCents: number; currency: string; customerId?: string | null }
  /** A saved-card charge for an approval succeeded (the backstop if the app stopped before crediting it). */
  | { kind: 'card_charged'; eventId: string; paymentIntentId: string; accountId: string; approvalId: string; amountCents: number; currency: string }
  | { kind: 'checkout_expired'; eventId: string; topUpId: string; providerRef: string }
  /** Authentic, but nothing for us to do (other event types, unpaid async checkouts, foreign sessions). */
  | { kind: 'ignored'; eventId: string; eventType: string; reason: string };

export type WebhookParseResult = { ok: true; event: PaymentEvent } | { ok: false; error: string };

export interface PaymentAdapter {
  readonly provider: PaymentProvider;
  /** True for the built-in sandbox: responses and pages that touch it say so. */
  readonly sandbox: boolean;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Verifies the signature over the exact raw body; never throws for bad input. */
  parseWebhook(rawBody: string, headers: HeaderBag): Promise<WebhookParseResult>;
  /** Charges a saved card with nobody present (Stripe only); declines are results, network errors throw. */
  chargeSavedCard?(request: CardChargeRequest): Promise<CardChargeResult>;
}
