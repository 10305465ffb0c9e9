/**
 * @module Billing's payment provider: the sandbox (default; the checkout is a page of this app,
 * see checkout-pages.ts) or Stripe when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are both set
 * (Checkout Sessions and webhook verification from the kit's shared Stripe piece).
 */
import { ConfigError } from '@platform/kit';
import { type HeaderBag, type SavedCardChargeRequest, type SavedCardChargeResult, StripeCheckoutClient, type StripeCheckoutOptions, type StripeWebhookResult } from '@platform/kit/payments';

export interface BillingCheckoutRequest {
  checkoutId: string;
  amountCents: number;
  currency: string;
  productName: string;
  quantity: number;
  monthly: boolean;
  successUrl: string;
  cancelUrl: string;
  /** One-off payments (packs): keep the card for auto top-up, on the tenant's Stripe customer when known (else Checkout creates one). */
  saveCard?: { customerId: string | null };
}

export interface BillingPaymentAdapter {
  readonly provider: 'sandbox' | 'stripe';
  readonly sandbox: boolean;
  createCheckout(request: BillingCheckoutRequest): Promise<{ url: string; providerRef: string }>;
  parseWebhook(rawBody: string, headers: HeaderBag): StripeWebhookResult;
  /** Pushes a seat or cancellation change to the provider's subscription (no-op in the sandbox). */
  updateSubscription(providerSubscriptionId: string, change: { quantity?: number; cancelAtPeriodEnd?: boolean }, idempotencyKey: string): Promise<void>;
  /** Ends the provider's subscription now (no-op in the sandbox). */
  cancelSubscription(providerSubscriptionId: string): Promise<void>;
  /** A Customer Portal session URL (cards, invoices) for the provider's customer; the sandbox has none. */
  openCustomerPortal(providerCustomerId: string, returnUrl: string): Promise<{ url: string }>;
  /** Charges the customer's saved card off-session (auto top-up); declines are results, network/API errors throw. */
  chargeSavedCard(request: SavedCardChargeRequest): Promise<SavedCardChargeResult>;
}

export const SANDBOX_CHECKOUT_PREFIX = '/billing/sandbox-checkout/';

export class SandboxBillingAdapter implements BillingPaymentAdapter {
  readonly provider = 'sandbox' as const;
  readonly sandbox = true;
  constructor(private readonly publicUrl: () => string) {}
  async createCheckout(request: BillingCheckoutRequest) {
    return { url: `${this.publicUrl()}${SANDBOX_CHECKOUT_PREFIX}${request.checkoutId}`, providerRef: `sandbox_${request.checkoutId}` };
  }
  parseWebhook(): StripeWebhookResult {
    return { ok: false, error: 'The sandbox provider has no webhooks: checkouts complete on their own page.' };
  }
  async updateSubscription() {}
  async cancelSubscription() {}
  async openCustomerPortal(): Promise<{ url: string }> {
    throw new Error('The sandbox provider has no Customer Portal (no cards exist).');
  }
  async chargeSavedCard(): Promise<SavedCardChargeResult> {
    // The sandbox credits auto top-up packs in the usage transaction (pool.ts); nothing is ever charged.
    throw new Error('The sandbox provider has no saved cards.');
  }
}

export class StripeBillingAdapter implements BillingPaymentAdapter {
  readonly provider = 'stripe' as const;
  readonly sandbox = false;
  private readonly client: StripeCheckoutClient;
  constructor(options: StripeCheckoutOptions) {
    this.client = new StripeCheckoutClient(options);
  }
  async createCheckout(r: BillingCheckoutRequest) {
    const session = await this.client.createCheckoutSession({
      reference: r.checkoutId,
      amountCents: r.amountCents,
      currency: r.currency,
      productName: r.productName,
      quantity: r.quantity,
      monthly: r.monthly,
      successUrl: r.successUrl,
      cancelUrl: r.cancelUrl,
      idempotencyKey: `trainar-checkout-${r.checkoutId}`,
      ...(r.saveCard && !r.monthly ? { saveCard: { customerId: r.saveCard.customerId } } : {}),
    });
    return { url: session.url, providerRef: session.id };
  }
  parseWebhook(rawBody: string, headers: HeaderBag) {
    return this.client.parseWebhook(rawBody, headers);
  }
  updateSubscription(providerSubscriptionId: string, change: { quantity?: number; cancelAtPeriodEnd?: boolean }, idempotencyKey: string) {
    return this.client.updateSubscription(providerSubscriptionId, change, idempotencyKey);
  }
  cancelSubscription(providerSubscriptionId: string) {
    return this.client.cancelSubscription(providerSubscriptionId);
  }
  async openCustomerPortal(providerCustomerId: string, returnUrl: string) {
    const session = await this.client.createPortalSession({ customerId: providerCustomerId, returnUrl });
    return { url: session.url };
  }
  chargeSavedCard(request: SavedCardChargeRequest) {
    return this.client.chargeSavedCard(request);
  }
}

export interface PaymentEnv {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  /** TrainAR's own values, over the shared ones (`npm start` runs both products in one environment; each Stripe endpoint has its own secret). */
  TRAINAR_STRIPE_SECRET_KEY?: string;
  TRAINAR_STRIPE_WEBHOOK_SECRET?: string;
}

export function createBillingPaymentAdapter(env: PaymentEnv, publicUrl: () => string, now: () => number, stripeConfig?: StripeCheckoutOptions['stripeConfig']): BillingPaymentAdapter {
  const secretKey = env.TRAINAR_STRIPE_SECRET_KEY || env.STRIPE_SECRET_KEY;
  const webhookSecret = env.TRAINAR_STRIPE_WEBHOOK_SECRET || env.STRIPE_WEBHOOK_SECRET;
  if (!secretKey && !webhookSecret) return new SandboxBillingAdapter(publicUrl);
  if (!secretKey || !webhookSecret) {
    throw new ConfigError(`Set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET for Stripe billing (missing ${secretKey ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'}), or neither for the sandbox.`);
  }
  return new StripeBillingAdapter({ secretKey, webhookSecret, now, stripeConfig });
}
