/**
 * @module The payment-provider seam for credit top-ups: create a hosted checkout, and turn a
 * provider's webhook (raw body + headers) into a verified event. Implemented by the sandbox
 * (default) and Stripe adapters.
 */
import type { PaymentProvider } from './schema';

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

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface PaymentAdapter {
  readonly provider: PaymentProvider;
  /** True for the built-in sandbox: responses and pages that touch it say so. */
  readonly sandbox: boolean;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Verifies the signature over the exact raw body; never throws for bad input. */
  parseWebhook(rawBody: string, headers: HeaderBag): Promise<WebhookParseResult>;
}

/** A header value from a Fetch `Headers` or a Node-style header object (case-insensitive). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}
