/**
 * @module Mounts the dashboard: the same-origin guard on every form route, then each module's pages
 * (the shell's sign-in and home among them), in the composition root's module order.
 */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import type { AnyModule } from './platform/module';
import type { DashboardShell } from './platform/web-ui';

export function mountDashboard(app: Hono<AppEnv>, shell: DashboardShell, modules: readonly AnyModule[]): void {
  for (const path of ['/signup', '/signin', '/signout', '/invite/*', '/dashboard', '/dashboard/*']) app.use(path, sameOriginOnly());
  for (const module of modules) module.mountPages?.(app, shell);
}
