/** @module The billing module's public surface: what other modules and the composition root may import. */
export { mountBillingCheckout } from './checkout-pages';
export type { BillingServices } from './context';
export { billingMigrations } from './migrations';
export { createBillingModule } from './module';
export { registerMinutePoolMetrics } from './pool-metrics';
export type { BillingPorts } from './ports';
export type { BillingService } from './service';
