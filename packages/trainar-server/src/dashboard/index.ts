/** @module The dashboard: server-rendered pages over the same services as the API (cookie sessions, CSRF on every form). */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import { mountSettingsPage } from '../account/page';
import { mountApiKeysPage } from '../api-keys/page';
import { mountBillingPage } from '../billing/page';
import { mountDevicesPage } from '../devices/page';
import { mountIntegrationsPage } from '../integrations/page';
import { mountKnowledgePage } from '../knowledge/page';
import { mountReportsPage } from '../reports/page';
import { mountSeatsPage } from '../seats/page';
import { mountSessionsPage } from '../sessions/page';
import { mountSkillsPage } from '../skills/page';
import { mountTasksPage } from '../tasks/page';
import { mountUsersPage } from '../users/page';
import { mountWebhooksPage } from '../webhooks/page';
import { mountAuthPages } from './auth-pages';
import { mountHomePage } from './home-page';
import type { DashboardDeps } from './session';

export type { DashboardDeps } from './session';

export function mountDashboard(app: Hono<AppEnv>, deps: DashboardDeps): void {
  for (const path of ['/signup', '/signin', '/signout', '/invite/*', '/dashboard', '/dashboard/*']) app.use(path, sameOriginOnly());
  mountAuthPages(app, deps);
  mountHomePage(app, deps);
  mountUsersPage(app, deps);
  mountApiKeysPage(app, deps);
  mountSettingsPage(app, deps);
  mountTasksPage(app, deps);
  mountSkillsPage(app, deps);
  mountWebhooksPage(app, deps);
  mountKnowledgePage(app, deps);
  mountSeatsPage(app, deps);
  mountDevicesPage(app, deps);
  mountSessionsPage(app, deps);
  mountReportsPage(app, deps);
  mountBillingPage(app, deps);
  mountIntegrationsPage(app, deps);
}
