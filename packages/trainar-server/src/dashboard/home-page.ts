/** @module Dashboard home: the organisation at a glance, with links to what the user's role may open. */
import { type AppEnv, html } from '@platform/kit';
import type { Hono } from 'hono';
import { signedIn } from '../platform/session';
import { noticeFrom, page, ROLE_LABELS } from '../platform/view';
import type { ShellPageDeps } from './context';

export function mountHomePage(app: Hono<AppEnv>, deps: ShellPageDeps): void {
  app.get(
    '/dashboard',
    signedIn(deps, async (c, me) => {
      const account = await deps.services.account.get(me.tenantId);
      const admin = me.role === 'admin';
      const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      return page(c, {
        title: 'Dashboard',
        user: me,
        notice: noticeFrom(c),
        body: html`<h1>${account.name}</h1>
          <p>Signed in as ${me.fullName} (${ROLE_LABELS[me.role]}).</p>
          <div class="audiences">
            <article>
              <header><strong>Team</strong></header>
              <p data-usage="users">${plural(account.usage.active_users, 'active user', 'active users')} of ${plural(account.usage.users, 'user', 'users')}</p>
              ${admin ? html`<a href="/dashboard/users">Manage users</a>` : html`<small>Admins invite and manage users.</small>`}
            </article>
            ${
              admin
                ? html`<article>
                    <header><strong>API &amp; Webhooks</strong></header>
                    <p data-usage="api-keys">${plural(account.usage.api_keys, 'active API key', 'active API keys')}</p>
                    <a href="/dashboard/api">Manage API keys</a>
                  </article>`
                : ''
            }
            <article>
              <header><strong>Locality</strong></header>
              <p>Timezone ${account.timezone}, AI language ${account.language}</p>
              <a href="/dashboard/settings">Settings</a>
            </article>
          </div>`,
      });
    }),
  );
}
