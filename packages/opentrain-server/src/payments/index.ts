/**
 * @module Payments: credit top-ups through a payment adapter (built-in sandbox by default, Stripe
 * Checkout when configured), their webhook endpoint and pages, and the payment-method-on-file
 * flag. See docs/credits-and-payments.md.
 */
export { type Checkout, type CheckoutRequest, type HeaderBag, headerValue, type PaymentAdapter, type PaymentEvent, type WebhookParseResult } from './adapter';
export { APPROVAL_CARD_PURPOSE, type CardCharge, CardPaymentsService } from './card-payments';
export { assertTopUpCents, formatUsd, MAX_TOP_UP_CENTS, MIN_TOP_UP_CENTS, parseAmountUsd } from './amount';
export { createPaymentAdapter, createPayments, type Payments, type PaymentAdapterDeps, type PaymentsConfig, paymentsConfigSchema, paymentsConfigShape, type PaymentsOptions } from './config';
export { mountSandboxCheckout, mountTopUpReturnPage, type PaymentPagesDeps } from './pages';
export { paymentWebhookPath, SANDBOX_CHECKOUT_ROUTE, sandboxCheckoutPath, TOP_UP_RETURN_ROUTE, topUpReturnPath } from './paths';
export { type PaymentMethod, PaymentMethodsService, SANDBOX_CARD_LABEL, STRIPE_CARD_LABEL } from './payment-methods';
export { SANDBOX_SIGNATURE_HEADER, type SandboxAdapterOptions, SandboxPaymentAdapter, signSandboxWebhook } from './sandbox-adapter';
export { type PaymentProvider, type PaymentTables, paymentsMigrations, TOP_UP_STATUSES, type TopUpStatus } from './schema';
export { type StripeAdapterOptions, StripePaymentAdapter } from './stripe-adapter';
export { type PaidResult, type ProviderPayment, publicTopUp, TOP_UP_EXPIRY_MS, type TopUp, TopUpsService, type TopUpsServiceOptions } from './top-ups-service';
export { handlePaymentWebhook, mountPaymentWebhook, type PaymentWebhookDeps, type WebhookLogger, type WebhookResponse } from './webhook';
export { createPaymentsModule, type PaymentsPorts, type PaymentsServices } from './module';
