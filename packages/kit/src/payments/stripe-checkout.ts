/**
 * @module The product-agnostic part of a Stripe integration: create a Checkout Session (one line
 * item built from an amount, one-off or monthly), change or cancel a subscription, open a Customer
 * Portal session, and verify + parse a webhook over the raw body with the official `stripe` package. Products keep their own meaning (what a reference names,
 * what a paid checkout credits); OpenTrain's top-ups and TrainAR's billing share this piece.
 */
import Stripe from 'stripe';

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

/** A header value from a Fetch `Headers` or a Node-style header object (case-insensitive). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

export interface StripeCheckoutOptions {
  secretKey: string;
  /** The endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** Current time in ms (the injected clock), for the signature's tolerance window. */
  now: () => number;
  /** Maximum age of a signed webhook, seconds (Stripe's default: 300). */
  toleranceSeconds?: number;
  /** SDK options (tests point host/port/protocol at a local server; retries, timeout). */
  stripeConfig?: Omit<Stripe.StripeConfig, 'apiVersion'>;
}

export interface CheckoutSessionRequest {
  /** Our id for what is being paid; sent as client_reference_id and metadata.reference. */
  reference: string;
  amountCents: number;
  /** ISO 4217, lower case (Stripe's form). */
  currency: string;
  productName: string;
  quantity?: number;
  /** Monthly recurring price: a `subscription` mode checkout. */
  monthly?: boolean;
  successUrl: string;
  cancelUrl: string;
  /** A retried create with the same key returns the same session. */
  idempotencyKey: string;
  metadata?: Record<string, string>;
}

export interface CreatedCheckoutSession {
  url: string;
  id: string;
}

/** A verified webhook, reduced to what a product acts on. */
export type StripeCheckoutEvent =
  | { kind: 'checkout_paid'; eventId: string; reference: string; sessionId: string; amountCents: number; currency: string; customerId: string | null; subscriptionId: string | null; metadata: Record<string, string> }
  | { kind: 'checkout_expired'; eventId: string; reference: string; sessionId: string }
  /** customer.subscription.updated: the provider's view of a subscription (seats = the first item's quantity); `occurredAt` = the event's creation. */
  | { kind: 'subscription_updated'; eventId: string; subscriptionId: string; status: string; cancelAtPeriodEnd: boolean; quantity: number | null; occurredAt: Date }
  /** customer.subscription.deleted: the subscription has ended. */
  | { kind: 'subscription_deleted'; eventId: string; subscriptionId: string }
  /** invoice.paid for a subscription: the period it pays for (the first line's period), and why it was raised. */
  | { kind: 'invoice_paid'; eventId: string; invoiceId: string; subscriptionId: string; billingReason: string | null; periodStart: Date; periodEnd: Date }
  /** invoice.payment_failed for a subscription: what is owed and when Stripe retries (`nextAttemptAt` null: no more automatic retries). */
  | { kind: 'invoice_payment_failed'; eventId: string; invoiceId: string; subscriptionId: string; amountDueCents: number | null; currency: string | null; nextAttemptAt: Date | null; occurredAt: Date }
  /** Authentic, but nothing to do (other event types, unpaid async checkouts, foreign sessions). */
  | { kind: 'ignored'; eventId: string; eventType: string; reason: string };

export type StripeWebhookResult = { ok: true; event: StripeCheckoutEvent } | { ok: false; error: string };

/** An expandable Stripe reference: the id string, or the expanded object's id. */
const idOf = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : null);

export class StripeCheckoutClient {
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeCheckoutOptions) {
    this.stripe = new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...options.stripeConfig });
  }

  async createCheckoutSession(request: CheckoutSessionRequest): Promise<CreatedCheckoutSession> {
    const metadata = { ...request.metadata, reference: request.reference };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: request.monthly ? 'subscription' : 'payment',
        line_items: [
          {
            quantity: request.quantity ?? 1,
            price_data: {
              currency: request.currency,
              unit_amount: request.amountCents,
              product_data: { name: request.productName },
              ...(request.monthly ? { recurring: { interval: 'month' as const } } : {}),
            },
          },
        ],
        client_reference_id: request.reference,
        metadata,
        ...(request.monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      },
      { idempotencyKey: request.idempotencyKey },
    );
    if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a url`);
    return { url: session.url, id: session.id };
  }

  /**
   * Changes a subscription: seats are the first item's quantity (Stripe prorates by default),
   * `cancelAtPeriodEnd` schedules or withdraws the cancellation. The item id is read first.
   */
  async updateSubscription(subscriptionId: string, change: { quantity?: number; cancelAtPeriodEnd?: boolean }, idempotencyKey: string): Promise<void> {
    const params: Stripe.SubscriptionUpdateParams = {};
    if (change.cancelAtPeriodEnd !== undefined) params.cancel_at_period_end = change.cancelAtPeriodEnd;
    if (change.quantity !== undefined) {
      const current = await this.stripe.subscriptions.retrieve(subscriptionId);
      const item = current.items.data[0];
      if (!item) throw new Error(`Stripe subscription ${subscriptionId} has no items to change`);
      params.items = [{ id: item.id, quantity: change.quantity }];
    }
    await this.stripe.subscriptions.update(subscriptionId, params, { idempotencyKey });
  }

  /**
   * A Customer Portal session for a customer (cards, invoices; what it allows is set in Stripe's
   * portal configuration): a short-lived URL to send the person to, back at `returnUrl` afterwards.
   */
  async createPortalSession(request: { customerId: string; returnUrl: string }): Promise<{ url: string; id: string }> {
    const session = await this.stripe.billingPortal.sessions.create({ customer: request.customerId, return_url: request.returnUrl });
    return { url: session.url, id: session.id };
  }

  /** Ends a subscription now (no further invoices). */
  async cancelSubscription(subscriptionId: string): Promise<void> {
    await this.stripe.subscriptions.cancel(subscriptionId);
  }

  /** Verifies the `Stripe-Signature` over the exact raw body; never throws for bad input. */
  parseWebhook(rawBody: string, headers: HeaderBag): StripeWebhookResult {
    const signature = headerValue(headers, 'stripe-signature');
    if (!signature) return { ok: false, error: 'Missing Stripe-Signature header.' };
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret, this.options.toleranceSeconds ?? 300, undefined, this.options.now());
    } catch (err) {
      return { ok: false, error: `Stripe signature verification failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    const ignored = (reason: string) => ({ ok: true as const, event: { kind: 'ignored' as const, eventId: event.id, eventType: event.type, reason } });
    if (event.type === 'customer.subscription.updated' || event.type === 'customer.subscription.deleted') {
      const sub = event.data.object as Stripe.Subscription;
      if (event.type === 'customer.subscription.deleted') return { ok: true, event: { kind: 'subscription_deleted', eventId: event.id, subscriptionId: sub.id } };
      const quantity = sub.items?.data?.[0]?.quantity ?? null;
      return {
        ok: true,
        event: { kind: 'subscription_updated', eventId: event.id, subscriptionId: sub.id, status: sub.status, cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end), quantity, occurredAt: new Date(event.created * 1000) },
      };
    }
    if (event.type === 'invoice.paid' || event.type === 'invoice.payment_failed') {
      const invoice = event.data.object as Stripe.Invoice & { subscription?: unknown };
      // API 2025-03 ("basil") moved the subscription under parent.subscription_details; older versions have invoice.subscription.
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription) ?? idOf(invoice.subscription);
      if (event.type === 'invoice.payment_failed') {
        if (!subscriptionId || !invoice.id) return ignored('failed invoice without a subscription');
        const next = invoice.next_payment_attempt;
        return {
          ok: true,
          event: {
            kind: 'invoice_payment_failed',
            eventId: event.id,
            invoiceId: invoice.id,
            subscriptionId,
            amountDueCents: typeof invoice.amount_due === 'number' ? invoice.amount_due : null,
            currency: invoice.currency ?? null,
            nextAttemptAt: typeof next === 'number' ? new Date(next * 1000) : null,
            occurredAt: new Date(event.created * 1000),
          },
        };
      }
      const period = invoice.lines?.data?.[0]?.period;
      if (!subscriptionId || !period || !invoice.id) return ignored('invoice without a subscription period');
      return {
        ok: true,
        event: {
          kind: 'invoice_paid',
          eventId: event.id,
          invoiceId: invoice.id,
          subscriptionId,
          billingReason: invoice.billing_reason ?? null,
          periodStart: new Date(period.start * 1000),
          periodEnd: new Date(period.end * 1000),
        },
      };
    }
    if (!event.type.startsWith('checkout.session.')) return ignored('unhandled event type');
    const session = event.data.object as Stripe.Checkout.Session;
    const reference = session.metadata?.reference ?? session.client_reference_id ?? null;
    if (!reference) return ignored('checkout session without a reference');
    switch (event.type) {
      case 'checkout.session.completed':
        if (session.payment_status === 'unpaid') return ignored('payment_status unpaid: waiting for async_payment_succeeded');
        break;
      case 'checkout.session.async_payment_succeeded':
        break;
      case 'checkout.session.expired':
        return { ok: true, event: { kind: 'checkout_expired', eventId: event.id, reference, sessionId: session.id } };
      default:
        return ignored('unhandled event type');
    }
    return {
      ok: true,
      event: {
        kind: 'checkout_paid',
        eventId: event.id,
        reference,
        sessionId: session.id,
        amountCents: session.amount_total ?? -1,
        currency: session.currency ?? '',
        customerId: idOf(session.customer),
        subscriptionId: idOf(session.subscription),
        metadata: { ...(session.metadata ?? {}) },
      },
    };
  }
}
