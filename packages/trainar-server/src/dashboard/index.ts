/**
 * @module The dashboard: server-rendered pages over the same services as the API (cookie sessions,
 * CSRF on every form). The shell's own pages (sign-in, home) first, then each module's pages.
 */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import { mountBillingPage } from '../billing/page';
import type { AppServices } from '../composition';
import { mountDevicesPage } from '../devices/page';
import { mountIntegrationsPage } from '../integrations/page';
import { mountKnowledgePage } from '../knowledge/page';
import type { AnyModule } from '../platform/module';
import type { DashboardShell } from '../platform/web-ui';
import { mountReportsPage } from '../reports/page';
import { mountSeatsPage } from '../seats/page';
import { mountSessionsPage } from '../sessions/page';
import { mountSkillsPage } from '../skills/page';
import { mountAuthPages } from './auth-pages';
import type { DashboardDeps } from './deps';
import { mountHomePage } from './home-page';

export type { DashboardDeps } from './deps';

export function mountDashboard(app: Hono<AppEnv>, shell: DashboardShell, services: AppServices, modules: readonly AnyModule[]): void {
  const deps: DashboardDeps = { ...shell, services };
  for (const path of ['/signup', '/signin', '/signout', '/invite/*', '/dashboard', '/dashboard/*']) app.use(path, sameOriginOnly());
  mountAuthPages(app, deps);
  mountHomePage(app, deps);
  for (const module of modules) module.mountPages?.(app, shell);
  mountSkillsPage(app, deps);
  mountKnowledgePage(app, deps);
  mountSeatsPage(app, deps);
  mountDevicesPage(app, deps);
  mountSessionsPage(app, deps);
  mountReportsPage(app, deps);
  mountBillingPage(app, deps);
  mountIntegrationsPage(app, deps);
}
