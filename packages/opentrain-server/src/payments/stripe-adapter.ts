/**
 * @module Stripe payment provider: a Checkout Session (mode `payment`, one USD line of the top-up
 * amount, `metadata.topUpId`) per top-up, and webhook verification with
 * `stripe.webhooks.constructEvent` over the raw body. Credits move on `checkout.session.completed`
 * when `payment_status` is `paid`, or on `checkout.session.async_payment_succeeded`. A top-up whose
 * payer asked to keep the card saves it for off-session use (`setup_future_usage`); approvals then
 * charge it through the kit's `StripeCheckoutClient.chargeSavedCard`, and `payment_intent.succeeded`
 * of such a charge is the backstop that credits it (card-payments.ts).
 */
import type { Clock } from '@platform/kit';
import { StripeCheckoutClient } from '@platform/kit/payments';
import Stripe from 'stripe';
import type { CardChargeRequest, CardChargeResult, Checkout, CheckoutRequest, HeaderBag, PaymentAdapter, WebhookParseResult } from './adapter';
import { headerValue } from './adapter';
import { APPROVAL_CARD_PURPOSE } from './card-payments';

export interface StripeAdapterOptions {
  secretKey: string;
  /** The endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  clock: Clock;
  /** Line-item name shown on Stripe's page. */
  productName?: string;
  /** Maximum age of a signed webhook, seconds (Stripe's default: 300). */
  toleranceSeconds?: number;
  /** SDK options (tests point host/port/protocol at a local server; retries, timeout). */
  stripeConfig?: Omit<Stripe.StripeConfig, 'apiVersion'>;
}

export class StripePaymentAdapter implements PaymentAdapter {
  readonly provider = 'stripe' as const;
  readonly sandbox = false;
  private readonly stripe: Stripe;
  private readonly cards: StripeCheckoutClient;

  constructor(private readonly options: StripeAdapterOptions) {
    this.stripe = new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...options.stripeConfig });
    this.cards = new StripeCheckoutClient({ secretKey: options.secretKey, webhookSecret: options.webhookSecret, now: () => options.clock.now().getTime(), stripeConfig: options.stripeConfig });
  }

  async chargeSavedCard(request: CardChargeRequest): Promise<CardChargeResult> {
    const result = await this.cards.chargeSavedCard({ ...request, currency: 'usd' });
    return result.ok ? result : { ok: false, reason: result.reason, message: result.message };
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: { currency: 'usd', unit_amount: request.amountCents, product_data: { name: this.options.productName ?? 'OpenTrain credits' } },
          },
        ],
        client_reference_id: request.topUpId,
        metadata: { topUpId: request.topUpId },
        payment_intent_data: { metadata: { topUpId: request.topUpId }, ...(request.saveCard ? { setup_future_usage: 'off_session' as const } : {}) },
        ...(request.saveCard ? (request.saveCard.customerId ? { customer: request.saveCard.customerId } : { customer_creation: 'always' as const }) : {}),
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      },
      // A retried create (network error, our own retry) returns the same session.
      { idempotencyKey: `opentrain-top-up-${request.topUpId}` },
    );
    if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a url`);
    return { checkoutUrl: session.url, providerRef: session.id };
  }

  async parseWebhook(rawBody: string, headers: HeaderBag): Promise<WebhookParseResult> {
    const signature = headerValue(headers, 'stripe-signature');
    if (!signature) return { ok: false, error: 'Missing Stripe-Signature header.' };
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret, this.options.toleranceSeconds ?? 300, undefined, this.options.clock.now().getTime());
    } catch (err) {
      return { ok: false, error: `Stripe signature verification failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    const ignored = (reason: string) => ({ ok: true as const, event: { kind: 'ignored' as const, eventId: event.id, eventType: event.type, reason } });
    if (event.type === 'payment_intent.succeeded') {
      const intent = event.data.object as Stripe.PaymentIntent;
      const m = intent.metadata ?? {};
      if (m.purpose !== APPROVAL_CARD_PURPOSE || !m.approvalId || !m.accountId) return ignored('payment intent not from an approval card charge');
      return { ok: true, event: { kind: 'card_charged', eventId: event.id, paymentIntentId: intent.id, accountId: m.accountId, approvalId: m.approvalId, amountCents: intent.amount_received ?? intent.amount, currency: intent.currency } };
    }
    if (!event.type.startsWith('checkout.session.')) return ignored('unhandled event type');
    const session = event.data.object as Stripe.Checkout.Session;
    const topUpId = session.metadata?.topUpId ?? session.client_reference_id ?? null;
    if (!topUpId) return ignored('checkout session without metadata.topUpId');
    switch (event.type) {
      case 'checkout.session.completed':
        if (session.payment_status !== 'paid') return ignored(`payment_status ${session.payment_status}: waiting for async_payment_succeeded`);
        break;
      case 'checkout.session.async_payment_succeeded':
        break;
      case 'checkout.session.expired':
        return { ok: true, event: { kind: 'checkout_expired', eventId: event.id, topUpId, providerRef: session.id } };
      default:
        return ignored('unhandled event type');
    }
    return {
      ok: true,
      event: {
        kind: 'checkout_paid',
        eventId: event.id,
        topUpId,
        providerRef: session.id,
        amountCents: session.amount_total ?? -1,
        currency: session.currency ?? '',
        customerId: typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null),
      },
    };
  }
}
