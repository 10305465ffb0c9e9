/** @module Dashboard home: the organisation at a glance, with links to what the user's role may open. */
import { type AppEnv, html } from '@platform/kit';
import type { Hono } from 'hono';
import { type DashboardDeps, signedIn } from './session';
import { noticeFrom, page } from './view';

export function mountHomePage(app: Hono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/dashboard',
    signedIn(deps, async (c, me) => {
      const account = await deps.services.account.get(me.tenantId);
      const admin = me.role === 'admin';
      return page(c, {
        title: 'Dashboard',
        user: me,
        notice: noticeFrom(c),
        body: html`<h1>${account.name}</h1>
          <p>Signed in as ${me.fullName} (${me.role === 'admin' ? 'Admin' : 'Member'}).</p>
          <ul>
            <li>${account.usage.active_users} active user(s) of ${account.usage.users}${admin ? html` · <a href="/dashboard/users">manage users</a>` : ''}</li>
            ${admin ? html`<li>${account.usage.api_keys} active API key(s) · <a href="/dashboard/api">API &amp; Webhooks</a></li>` : ''}
            <li>Timezone ${account.timezone}, language ${account.language} · <a href="/dashboard/settings">settings</a></li>
          </ul>`,
      });
    }),
  );
}
