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
}

export interface Checkout {
  /** Where the human pays. */
  checkoutUrl: string;
  /** The provider's id for this checkout (stored on the top-up; webhooks name it). */
  providerRef: string;
}

/** A verified, provider-neutral webhook event. */
export type PaymentEvent =
  | { kind: 'checkout_paid'; eventId: string; topUpId: string; providerRef: string; amountCents: number; currency: string }
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
}
