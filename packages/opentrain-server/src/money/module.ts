/**
 * @module The money module as the app composes it: hiring, contracts, milestones and human approvals
 * (ot-0350), escrow settlement, the credits half of the Public API, and the human pages:
 * `/approvals/{id}`, `/billing`, `/freelancer/earnings`. See docs/money.md.
 */
import { sameOriginOnly } from '@platform/kit';
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import { securityHeaders } from '../platform/web-ui';
import type { MoneyServices } from './context';
import { buildMoneyServices } from './module-services';
import { moneyOperations } from './operations';
import { mountApprovalPage } from './pages/approval-page';
import { mountBillingPage } from './pages/billing-page';
import { mountEarningsPage } from './pages/earnings-page';
import type { MoneyPorts } from './ports';

const PAGE_PATHS = ['/approvals/*', '/billing', '/billing/*', '/freelancer/earnings'];

export function createMoneyModule(platform: PlatformServices, ports: MoneyPorts): OpenTrainModule<MoneyServices> {
  const money = buildMoneyServices({ db: platform.db, clock: platform.clock, publicUrl: platform.publicUrl }, ports);
  const services = { ...platform, ...ports, money };
  return {
    name: 'money',
    services,
    implementations: moneyOperations,
    mount(app) {
      for (const path of PAGE_PATHS) {
        app.use(path, securityHeaders);
        app.use(path, sameOriginOnly());
      }
      mountApprovalPage(app, services, money);
      mountBillingPage(app, services, money);
      mountEarningsPage(app, services, money);
    },
  };
}
