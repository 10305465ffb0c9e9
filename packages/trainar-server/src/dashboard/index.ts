/** @module The dashboard: server-rendered pages over the same services as the API (cookie sessions, CSRF on every form). */
import { type AppEnv, PAGE_CSP, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import { mountApiKeysPage } from './api-keys-page';
import { mountAuthPages } from './auth-pages';
import { mountHomePage } from './home-page';
import type { DashboardDeps } from './session';
import { mountSettingsPage } from './settings-page';
import { mountUsersPage } from './users-page';

export type { DashboardDeps } from './session';

export function mountDashboard(app: Hono<AppEnv>, deps: DashboardDeps): void {
  for (const path of ['/signup', '/signin', '/signout', '/invite/*', '/dashboard', '/dashboard/*']) {
    app.use(path, sameOriginOnly());
    // Pages load only our own static CSS and JS (see the kit's design assets): no inline code runs.
    app.use(path, async (c, next) => {
      await next();
      if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', PAGE_CSP);
      if (!c.res.headers.has('X-Frame-Options')) c.res.headers.set('X-Frame-Options', 'DENY');
    });
  }
  mountAuthPages(app, deps);
  mountHomePage(app, deps);
  mountUsersPage(app, deps);
  mountApiKeysPage(app, deps);
  mountSettingsPage(app, deps);
}
