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
  /**
   * One-off payments: keep the card for later off-session charges (`setup_future_usage`), on this
   * Stripe customer or on one Checkout creates (its id arrives as `customerId` of `checkout_paid`).
   */
  saveCard?: { customerId?: string | null };
}

export interface SavedCardChargeRequest {
  customerId: string;
  amountCents: number;
  currency: string;
  description: string;
  /** The same key never charges twice (a retry returns the first PaymentIntent). */
  idempotencyKey: string;
  metadata?: Record<string, string>;
}

/** A saved-card charge: succeeded, or why not (each a different next step for the person). */
export type SavedCardChargeResult =
  | { ok: true; paymentIntentId: string; cardLast4: string | null }
  /** no_saved_card: nothing to charge; declined: the bank said no; authentication_required: the bank wants the cardholder present (3-D Secure). */
  | { ok: false; reason: 'no_saved_card' | 'declined' | 'authentication_required'; message: string; paymentIntentId: string | null };

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
  /** payment_intent.succeeded: a charge went through (a saved-card charge's backstop, found by its metadata). */
  | { kind: 'payment_succeeded'; eventId: string; paymentIntentId: string; amountCents: number; currency: string; metadata: Record<string, string> }
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
        ...(request.monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata, ...(request.saveCard ? { setup_future_usage: 'off_session' as const } : {}) } }),
        ...(request.saveCard && !request.monthly ? (request.saveCard.customerId ? { customer: request.saveCard.customerId } : { customer_creation: 'always' as const }) : {}),
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      },
      { idempotencyKey: request.idempotencyKey },
    );
    if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a url`);
    return { url: session.url, id: session.id };
  }

  /**
   * Charges the customer's saved card with nobody present (auto top-up, a card payment a person
   * confirmed on our page): the customer's default payment method, else its first card. A decline
   * or a bank asking for 3-D Secure is a result, not an exception; network and API errors throw
   * (the caller retries with the same idempotency key).
   */
  async chargeSavedCard(request: SavedCardChargeRequest): Promise<SavedCardChargeResult> {
    const customer = await this.stripe.customers.retrieve(request.customerId);
    const preferred = 'deleted' in customer && customer.deleted ? null : idOf(customer.invoice_settings?.default_payment_method);
    const paymentMethod = preferred ?? (await this.stripe.paymentMethods.list({ customer: request.customerId, type: 'card', limit: 1 })).data[0]?.id ?? null;
    if (!paymentMethod) return { ok: false, reason: 'no_saved_card', message: 'The Stripe customer has no saved card.', paymentIntentId: null };
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountCents,
          currency: request.currency,
          customer: request.customerId,
          payment_method: paymentMethod,
          off_session: true,
          confirm: true,
          description: request.description,
          metadata: request.metadata ?? {},
          expand: ['latest_charge'],
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status !== 'succeeded') {
        const reason = intent.status === 'requires_action' ? 'authentication_required' : 'declined';
        return { ok: false, reason, message: `Stripe answered ${intent.status} for the saved card.`, paymentIntentId: intent.id };
      }
      const charge = intent.latest_charge && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      return { ok: true, paymentIntentId: intent.id, cardLast4: charge?.payment_method_details?.card?.last4 ?? null };
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        const intent = (err.raw as { payment_intent?: { id?: string } } | undefined)?.payment_intent;
        const reason = err.code === 'authentication_required' ? 'authentication_required' : 'declined';
        return { ok: false, reason, message: err.message, paymentIntentId: intent?.id ?? null };
      }
      throw err;
    }
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
    if (event.type === 'payment_intent.succeeded') {
      const intent = event.data.object as Stripe.PaymentIntent;
      return {
        ok: true,
        event: { kind: 'payment_succeeded', eventId: event.id, paymentIntentId: intent.id, amountCents: intent.amount_received ?? intent.amount, currency: intent.currency, metadata: { ...(intent.metadata ?? {}) } },
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
