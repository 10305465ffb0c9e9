/**
 * @module Which payment provider top-ups use: Stripe when STRIPE_SECRET_KEY and
 * STRIPE_WEBHOOK_SECRET are both set, else the built-in sandbox. Add `paymentsConfigShape` to the
 * product's config schema so bad values fail at start-up with the kit's message.
 */
import { type Clock, ConfigError, type Executor, randomBase62, z } from '@platform/kit';
import type { CreditsService } from '../credits/index';
import type { PaymentAdapter } from './adapter';
import { CardPaymentsService } from './card-payments';
import { PaymentMethodsService } from './payment-methods';
import { SandboxPaymentAdapter } from './sandbox-adapter';
import { type StripeAdapterOptions, StripePaymentAdapter } from './stripe-adapter';
import { TopUpsService } from './top-ups-service';

export const paymentsConfigShape = {
  /** `sk_test_…` / `sk_live_…` (or a restricted `rk_…` key with Checkout Sessions write). */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'expected a Stripe secret key (sk_test_…, sk_live_…, rk_…)').optional(),
  /** The webhook endpoint's signing secret. */
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'expected a Stripe webhook signing secret (whsec_…)').optional(),
  /**
   * OpenTrain's own values, over the shared ones: `npm start` runs both products in one environment,
   * and each product's Stripe webhook endpoint has its own signing secret (or a separate account).
   */
  OPENTRAIN_STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'expected a Stripe secret key (sk_test_…, sk_live_…, rk_…)').optional(),
  OPENTRAIN_STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'expected a Stripe webhook signing secret (whsec_…)').optional(),
  /** Signs sandbox webhooks (scripts completing top-ups out of band); random per process when unset. */
  SANDBOX_PAYMENTS_WEBHOOK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
};
export const paymentsConfigSchema = z.object(paymentsConfigShape);
export type PaymentsConfig = z.output<typeof paymentsConfigSchema>;

export interface PaymentAdapterDeps {
  publicUrl(): string;
  clock: Clock;
  /** Passed to the Stripe SDK (timeouts, retries; tests point it at a local server). */
  stripeConfig?: StripeAdapterOptions['stripeConfig'];
}

export function createPaymentAdapter(config: PaymentsConfig, deps: PaymentAdapterDeps): PaymentAdapter {
  const secretKey = config.OPENTRAIN_STRIPE_SECRET_KEY ?? config.STRIPE_SECRET_KEY;
  const webhookSecret = config.OPENTRAIN_STRIPE_WEBHOOK_SECRET ?? config.STRIPE_WEBHOOK_SECRET;
  if (secretKey && webhookSecret) return new StripePaymentAdapter({ secretKey, webhookSecret, clock: deps.clock, stripeConfig: deps.stripeConfig });
  if (secretKey || webhookSecret) {
    throw new ConfigError(`Invalid configuration:\n  ${secretKey ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'}: required when ${secretKey ? 'STRIPE_SECRET_KEY' : 'STRIPE_WEBHOOK_SECRET'} is set (set both for Stripe, neither for the sandbox)`);
  }
  return new SandboxPaymentAdapter({ publicUrl: deps.publicUrl, clock: deps.clock, webhookSecret: config.SANDBOX_PAYMENTS_WEBHOOK_SECRET ?? randomBase62(32) });
}

export interface PaymentsOptions extends PaymentAdapterDeps {
  db: Executor;
  credits: CreditsService;
  config?: PaymentsConfig;
  /** Overrides the adapter chosen from `config`. */
  adapter?: PaymentAdapter;
}

/** The payment services over one database: adapter (from config), top-ups, payment methods, saved-card charges. */
export function createPayments(options: PaymentsOptions) {
  const adapter = options.adapter ?? createPaymentAdapter(options.config ?? {}, options);
  const paymentMethods = new PaymentMethodsService(options.db, options.clock);
  const topUps = new TopUpsService({ db: options.db, clock: options.clock, credits: options.credits, paymentMethods, adapter, publicUrl: options.publicUrl });
  const cardPayments = new CardPaymentsService({ db: options.db, credits: options.credits, paymentMethods, adapter, billingUrl: () => `${options.publicUrl()}/billing` });
  return { adapter, paymentMethods, topUps, cardPayments };
}

/** The payment adapter, the card on file and top-ups, as the money module and the pages use them. */
export type Payments = ReturnType<typeof createPayments>;
