/**
 * @module The payments module as the app composes it: the payment adapter (Stripe when
 * STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET are set, else the sandbox; `money.payments` /
 * `money.paymentAdapter` settings override), payment methods, top-ups, the sandbox checkout, the
 * top-up return page and the provider's webhook. See docs/credits-and-payments.md.
 */
import { GuessThrottle, loadConfig, sameOriginOnly } from '@platform/kit';
import type { CreditsService } from '../credits';
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import { securityHeaders } from '../platform/web-ui';
import type { PaymentAdapter } from './adapter';
import { createPayments, type Payments, type PaymentsConfig, paymentsConfigSchema } from './config';
import { mountSandboxCheckout, mountTopUpReturnPage } from './pages';
import { mountPaymentWebhook } from './webhook';

export interface PaymentsPorts {
  /** Paid top-ups credit the account's ledger. */
  credits: CreditsService;
}

export type PaymentsServices = PlatformServices & PaymentsPorts & { payments: Payments };

const PAGE_PATHS = ['/sandbox/checkout/*', '/payments/top-ups/*'];

export function createPaymentsModule(platform: PlatformServices, ports: PaymentsPorts): OpenTrainModule<PaymentsServices> {
  const { db, clock, publicUrl, settings } = platform;
  const config: PaymentsConfig = { ...loadConfig(paymentsConfigSchema), ...((settings['money.payments'] as Partial<PaymentsConfig>) ?? {}) };
  const payments = createPayments({ db, clock, credits: ports.credits, publicUrl, config, adapter: settings['money.paymentAdapter'] as PaymentAdapter | undefined });
  return {
    name: 'payments',
    services: { ...platform, ...ports, payments },
    implementations: [],
    mount(app) {
      for (const path of PAGE_PATHS) {
        app.use(path, securityHeaders);
        app.use(path, sameOriginOnly());
      }
      mountSandboxCheckout(app, { topUps: payments.topUps });
      mountTopUpReturnPage(app, { topUps: payments.topUps });
      mountPaymentWebhook(app, { topUps: payments.topUps, cardPayments: payments.cardPayments, logger: platform.logger, signatureGuesses: new GuessThrottle(platform.limiter, 'ot:bad-webhook-signature', platform.limits.secretGuessesPerIp) });
    },
  };
}
