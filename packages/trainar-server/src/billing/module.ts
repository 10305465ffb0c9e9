/** @module The billing module: subscriptions and their seats, the minute pool and packs, checkout (sandbox or Stripe), the minutes report, and Dashboard → Billing. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { BillingServices } from './context';
import { billingHandlers } from './handlers';
import { mountBillingPage } from './page';
import type { BillingPorts } from './ports';
import { BillingService } from './service';

export function createBillingModule(platform: PlatformServices, ports: BillingPorts): TrainArModule<BillingServices> {
  const services: BillingServices = { billing: new BillingService(platform, ports.seats, ports.admins) };
  return { name: 'billing', services, implementations: billingHandlers, jobHandlers: services.billing.jobHandlers(), mountPages: (app, shell) => mountBillingPage(app, { ...shell, services }) };
}
