/** @module Where the payment pages and webhooks live (relative to the public origin). */
import type { PaymentProvider } from './schema';

export const SANDBOX_CHECKOUT_ROUTE = '/sandbox/checkout/:topUpId';
export const TOP_UP_RETURN_ROUTE = '/payments/top-ups/:topUpId';

export const sandboxCheckoutPath = (topUpId: string) => SANDBOX_CHECKOUT_ROUTE.replace(':topUpId', encodeURIComponent(topUpId));
/** The page a human lands on after paying or canceling (the default success/cancel URL). */
export const topUpReturnPath = (topUpId: string) => TOP_UP_RETURN_ROUTE.replace(':topUpId', encodeURIComponent(topUpId));
export const paymentWebhookPath = (provider: PaymentProvider) => `/payments/webhooks/${provider}`;
