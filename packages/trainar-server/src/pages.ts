/**
 * @module Mounts the dashboard: the same-origin guard on every form route, then each module's pages
 * (the shell's sign-in and home among them), then the pages of the domains not yet built as modules.
 */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import type { AppServices } from './composition';
import type { DashboardDeps } from './context';
import { mountDevicesPage } from './devices/page';
import type { AnyModule } from './platform/module';
import type { DashboardShell } from './platform/web-ui';
import { mountSeatsPage } from './seats/page';
import { mountSessionsPage } from './sessions/page';

export function mountDashboard(app: Hono<AppEnv>, shell: DashboardShell, services: AppServices, modules: readonly AnyModule[]): void {
  for (const path of ['/signup', '/signin', '/signout', '/invite/*', '/dashboard', '/dashboard/*']) app.use(path, sameOriginOnly());
  for (const module of modules) module.mountPages?.(app, shell);
  const deps: DashboardDeps = { ...shell, services };
  mountSeatsPage(app, deps);
  mountDevicesPage(app, deps);
  mountSessionsPage(app, deps);
}
