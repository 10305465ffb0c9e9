/**
 * @module The money domain as the app composes it: the credit ledger and payments (migrations
 * ot-0300 / ot-0310), contracts, milestones and human approvals (ot-0350), the Public API handlers,
 * and the human pages: `/approvals/{id}`, `/billing`, `/freelancer/earnings`, the sandbox checkout,
 * the top-up return page and the payment provider's webhook. See docs/money.md.
 */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import { creditsMigrations } from '../credits/index';
import type { DomainModule } from '../domain';
import { mountPaymentWebhook, mountSandboxCheckout, mountTopUpReturnPage, paymentsMigrations } from '../payments/index';
import type { BaseServices, Services } from '../services';
import { securityHeaders } from '../web/ui';
import type { MarketplaceDeps } from './marketplace';
import { buildMoneyServices } from './module-services';
import { moneyOperations } from './operations';
import { mountApprovalPage } from './pages/approval-page';
import { mountBillingPage } from './pages/billing-page';
import { mountEarningsPage } from './pages/earnings-page';
import { moneyMigrations } from './schema';

/** Services this domain adds to `Services`: `money` (everything) and `credits` (the ledger, for other domains). */
export function createMoneyServices(deps: BaseServices) {
  // The domains before this one (jobs, talent, messaging, feed) are read through small interfaces.
  const others = deps as unknown as MarketplaceDeps;
  const money = buildMoneyServices({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
    settings: deps.settings,
    marketplace: {
      jobs: others.jobs,
      proposals: others.proposals,
      freelancers: others.freelancers,
      messaging: others.messaging,
      team: others.team,
    },
    ownerOf: async (organizationId) => (await deps.organizations.get(organizationId))?.owner_user_id ?? null,
  });
  return { money, credits: money.credits };
}

const PAGE_PATHS = ['/approvals/*', '/billing', '/billing/*', '/freelancer/earnings', '/sandbox/checkout/*', '/payments/top-ups/*'];

export const moneyDomain: DomainModule = {
  name: 'money',
  migrations: [...creditsMigrations, ...paymentsMigrations, ...moneyMigrations],
  implementations: moneyOperations,
  mount(app: Hono<AppEnv>, services: Services) {
    const { money } = services;
    for (const path of PAGE_PATHS) {
      app.use(path, securityHeaders);
      app.use(path, sameOriginOnly());
    }
    mountApprovalPage(app, services, money);
    mountBillingPage(app, services, money);
    mountEarningsPage(app, services, money);
    mountSandboxCheckout(app, { topUps: money.payments.topUps });
    mountTopUpReturnPage(app, { topUps: money.payments.topUps });
    mountPaymentWebhook(app, {
      topUps: money.payments.topUps,
      logger: services.logger,
    });
  },
};
